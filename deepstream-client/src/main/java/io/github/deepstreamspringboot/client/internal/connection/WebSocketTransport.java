package io.github.deepstreamspringboot.client.internal.connection;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

import io.github.deepstreamspringboot.client.internal.protocol.Frame;

/**
 * A {@link Transport} over Spring's {@link StandardWebSocketClient} with Tomcat's JSR-356 client. Takes messages in
 * the container's 8 KiB parts and joins them up to the client's maximum message size ({@link MessageAssembler});
 * closes with 1009 past it, as the container would. Bounds the handshake with the connect timeout.
 * Thread-safe; connection attempts run on short-lived daemon threads named {@code deepstream-connect-*}, frames
 * arrive on Tomcat's I/O threads.
 */
public final class WebSocketTransport implements Transport {

    private static final Logger logger = LoggerFactory.getLogger(WebSocketTransport.class);

    /** Tomcat's handshake timeout property; Tomcat reads it as a String. */
    private static final String TOMCAT_IO_TIMEOUT = "org.apache.tomcat.websocket.IO_TIMEOUT_MS";

    /** The code of a close for a message over the size limit (RFC 6455 "message too big"). */
    private static final int MESSAGE_TOO_BIG = 1009;

    private final QuietWebSocketClient client;

    private final Duration connectTimeout;

    private final int maxMessageSize;

    /**
     * Creates a transport.
     * @param connectTimeout the longest time to open a connection
     * @param maxMessageSize the largest frame to accept, in bytes
     */
    public WebSocketTransport(Duration connectTimeout, int maxMessageSize) {
        this(connectTimeout, maxMessageSize, null);
    }

    /**
     * Creates a transport.
     * @param connectTimeout the longest time to open a connection
     * @param maxMessageSize the largest frame to accept, in bytes
     * @param sslContext the TLS context for {@code wss://} URLs, or {@code null} for the JVM's default
     */
    public WebSocketTransport(Duration connectTimeout, int maxMessageSize, SSLContext sslContext) {
        TomcatLogMasking.install();
        TomcatDeadPeerWarnings.install();
        this.client = new QuietWebSocketClient(SharedContainer.INSTANCE);
        this.client.setUserProperties(Map.of(TOMCAT_IO_TIMEOUT, String.valueOf(connectTimeout.toMillis())));
        if (sslContext != null) {
            this.client.setSslContext(sslContext);
        }
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("deepstream-connect-");
        executor.setDaemon(true);
        this.client.setTaskExecutor(executor);
        this.connectTimeout = connectTimeout;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * One container for all clients, with its default settings (timeouts travel with each connect, sizes are
     * enforced by each socket's {@link MessageAssembler}): a container is costly to create, and holds nothing of one
     * connection that another could see.
     */
    private static final class SharedContainer {

        static final WebSocketContainer INSTANCE = ContainerProvider.getWebSocketContainer();

    }

    /**
     * The writer threads of all clients: Tomcat's sends block until the bytes are handed to the network, so each
     * socket's writer task takes a thread while it writes, and gives it back when its queue is empty. Idle threads
     * end after 30 s; they are daemons and client threads (a {@link Backlog} never makes them wait).
     */
    private static final class SharedWriters {

        private static final AtomicInteger THREADS = new AtomicInteger();

        static final Executor INSTANCE = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                (task) -> new ClientThread(task, "deepstream-writer-" + THREADS.incrementAndGet()));

    }

    @Override
    public Executor writeExecutor() {
        return SharedWriters.INSTANCE;
    }

    @Override
    public CompletableFuture<TransportSession> connect(URI uri, TransportListener listener) {
        CompletableFuture<TransportSession> opening = new CompletableFuture<>();
        Handler handler = new Handler(listener, new MessageAssembler(this.maxMessageSize));
        this.client.connect(handler, uri)
            // implementation-neutral guard in case the container ignores its timeout
            .orTimeout(this.connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
            .whenComplete((session, failure) -> {
                if (failure != null) {
                    opening.completeExceptionally(translate(failure));
                }
                else {
                    opening.complete(new Session(session, handler.closed));
                }
            });
        return opening;
    }

    /**
     * Names the one upgrade failure the connection reports specially: the server closed the socket before any HTTP
     * status line (Tomcat reports an {@link EOFException} with status code 0), which deepstream does for a path it
     * does not serve. An HTTP error answer, a refused connection or a timeout stay as they are.
     */
    private static Throwable translate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EOFException eof && (eof.getMessage() == null
                    || eof.getMessage().contains("Status Code [0]"))) {
                return new NoHttpAnswerException("the server closed the connection without an HTTP answer to the "
                        + "WebSocket upgrade", failure);
            }
        }
        return failure;
    }

    /**
     * Spring's client without the entry point that logs "Connecting to" with the raw URI at DEBUG: the URI may carry
     * an {@code apiKey}, and no secret may reach a log at any level. The connection logs the masked URL itself.
     */
    private static final class QuietWebSocketClient extends StandardWebSocketClient {

        QuietWebSocketClient(WebSocketContainer container) {
            super(container);
        }

        CompletableFuture<WebSocketSession> connect(WebSocketHandler handler, URI uri) {
            return executeInternal(handler, new HttpHeaders(), uri, List.of(), List.of(), Map.of());
        }

    }

    private record Session(WebSocketSession delegate, CompletableFuture<Void> closed) implements TransportSession {

        @Override
        public void send(Frame frame) throws IOException {
            if (frame instanceof Frame.Text text) {
                this.delegate.sendMessage(new TextMessage(text.text()));
            }
            else if (frame instanceof Frame.Binary binary) {
                this.delegate.sendMessage(new BinaryMessage(binary.bytes()));
            }
        }

        @Override
        public CompletableFuture<Void> close() {
            try {
                this.delegate.close(CloseStatus.NORMAL);
            }
            catch (IOException | RuntimeException ex) {
                // the socket is being abandoned anyway; the failure only matters for diagnosis
                logger.debug("Closing the WebSocket failed", ex);
                this.closed.complete(null);
            }
            return this.closed;
        }

    }

    private static final class Handler implements WebSocketHandler {

        private final TransportListener listener;

        private final MessageAssembler assembler;

        /** Completes when the container reports the socket closed, whoever closed it. */
        private final CompletableFuture<Void> closed = new CompletableFuture<>();

        Handler(TransportListener listener, MessageAssembler assembler) {
            this.listener = listener;
            this.assembler = assembler;
        }

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            TomcatNoDelay.apply(session);
            this.listener.onOpen(new Session(session, this.closed));
        }

        @Override
        public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
            Frame frame;
            try {
                if (message instanceof TextMessage text) {
                    frame = this.assembler.text(text.getPayload(), text.isLast());
                }
                else if (message instanceof BinaryMessage binary) {
                    frame = this.assembler.binary(binary.getPayload(), binary.isLast());
                }
                else {
                    return;
                }
            }
            catch (MessageAssembler.MessageTooLargeException ex) {
                closeTooBig(session, ex.getMessage());
                return;
            }
            if (frame != null) {
                this.listener.onFrame(frame);
            }
        }

        /** As the container closes for a whole message over its limit: the connection reports 1009 by name. */
        private void closeTooBig(WebSocketSession session, String reason) {
            try {
                session.close(new CloseStatus(MESSAGE_TOO_BIG, reason));
            }
            catch (IOException ex) {
                logger.debug("Closing the WebSocket after an oversized message failed", ex);
            }
        }

        @Override
        public void handleTransportError(WebSocketSession session, Throwable exception) {
            this.listener.onError(exception);
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
            this.closed.complete(null);
            this.listener.onClosed(closeStatus.getCode(),
                    (closeStatus.getReason() != null) ? closeStatus.getReason() : "");
        }

        @Override
        public boolean supportsPartialMessages() {
            return true;
        }

    }

}
