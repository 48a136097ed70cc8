package io.github.deepstreamspringboot.client.connection;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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

import io.github.deepstreamspringboot.client.protocol.Frame;

/**
 * A {@link Transport} over Spring's {@link StandardWebSocketClient} with Tomcat's JSR-356 client. Raises Tomcat's
 * 8 KiB message buffer to the client's maximum message size and bounds the handshake with the connect timeout.
 * Thread-safe; connection attempts run on short-lived daemon threads named {@code deepstream-connect-*}, frames
 * arrive on Tomcat's I/O threads.
 */
public final class WebSocketTransport implements Transport {

    private static final Logger logger = LoggerFactory.getLogger(WebSocketTransport.class);

    /** Tomcat's handshake timeout property; Tomcat reads it as a String. */
    private static final String TOMCAT_IO_TIMEOUT = "org.apache.tomcat.websocket.IO_TIMEOUT_MS";

    /**
     * One container for each message size limit, the only setting made on it (timeouts travel with each connect):
     * a container is costly to create, and holds nothing of one connection that another could see.
     */
    private static final Map<Integer, WebSocketContainer> containers = new ConcurrentHashMap<>();

    private final QuietWebSocketClient client;

    private final Duration connectTimeout;

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
        this.client = new QuietWebSocketClient(containers.computeIfAbsent(maxMessageSize, (size) -> {
            WebSocketContainer container = ContainerProvider.getWebSocketContainer();
            container.setDefaultMaxTextMessageBufferSize(size);
            container.setDefaultMaxBinaryMessageBufferSize(size);
            return container;
        }));
        this.client.setUserProperties(Map.of(TOMCAT_IO_TIMEOUT, String.valueOf(connectTimeout.toMillis())));
        if (sslContext != null) {
            this.client.setSslContext(sslContext);
        }
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("deepstream-connect-");
        executor.setDaemon(true);
        this.client.setTaskExecutor(executor);
        this.connectTimeout = connectTimeout;
    }

    @Override
    public CompletableFuture<TransportSession> connect(URI uri, TransportListener listener) {
        CompletableFuture<TransportSession> opening = new CompletableFuture<>();
        Handler handler = new Handler(listener);
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

        /** Completes when the container reports the socket closed, whoever closed it. */
        private final CompletableFuture<Void> closed = new CompletableFuture<>();

        Handler(TransportListener listener) {
            this.listener = listener;
        }

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            TomcatNoDelay.apply(session);
            this.listener.onOpen(new Session(session, this.closed));
        }

        @Override
        public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
            if (message instanceof TextMessage text) {
                this.listener.onFrame(new Frame.Text(text.getPayload()));
            }
            else if (message instanceof BinaryMessage binary) {
                this.listener.onFrame(new Frame.Binary(bytes(binary.getPayload())));
            }
        }

        /** The frame's bytes: the buffer's own array when it is exactly that (Tomcat hands over a fresh copy). */
        private static byte[] bytes(ByteBuffer payload) {
            if (payload.hasArray() && payload.arrayOffset() == 0 && payload.position() == 0
                    && payload.remaining() == payload.array().length) {
                return payload.array();
            }
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            return bytes;
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
            return false;
        }

    }

}
