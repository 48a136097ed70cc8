package io.github.deepstreamspringboot.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.BinaryWebSocketHandler;

import io.github.deepstreamspringboot.client.internal.connection.TomcatSockets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw floor's client: Spring's {@code StandardWebSocketClient} over a Tomcat container, as our client uses, with
 * no deepstream logic beyond a hand-built handshake, and Nagle's algorithm off as in our client. Frames arrive on
 * Tomcat's I/O thread and go straight to the consumer; {@link #send} writes on the caller's thread, so each session
 * must have one sending thread at a time.
 */
public final class RawClient implements AutoCloseable {

    private static final WebSocketContainer container = ContainerProvider.getWebSocketContainer();

    private static final StandardWebSocketClient client = new StandardWebSocketClient(container);

    private final WebSocketSession session;

    private final Handler handler;

    private RawClient(WebSocketSession session, Handler handler) {
        this.session = session;
        this.handler = handler;
    }

    /** Opens a socket, sends CHALLENGE and AUTH REQUEST as our client does, and returns once logged in. */
    public static RawClient login(String url, String username) throws Exception {
        Handler handler = new Handler();
        WebSocketSession session = client.execute(handler, null, URI.create(url)).get(10, TimeUnit.SECONDS);
        RawClient raw = new RawClient(session, handler);
        // our client turns Nagle's algorithm off; a floor that did not would be slower than the client on it
        assertThat(TomcatSockets.noDelay(session)).isTrue();
        raw.send(RawFrames.challenge("dev"));
        raw.expect(RawFrames.CONNECTION, 4);
        raw.send(RawFrames.login("{\"username\":\"" + username + "\"}"));
        raw.expect(RawFrames.AUTH, 3);
        return raw;
    }

    /** Waits for the next frame, which must have that topic and action (handshakes and acks). */
    ByteBuffer expect(int topic, int action) throws InterruptedException {
        ByteBuffer frame = this.handler.queue.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 10 s").isNotNull();
        assertThat(new int[] { RawFrames.topic(frame), RawFrames.action(frame) }).containsExactly(topic, action);
        return frame;
    }

    /** Subscribes to an event name and waits for the server's acknowledgement. */
    void subscribe(String name) throws Exception {
        send(RawFrames.eventSubscribe(name, "s1"));
        expect(RawFrames.EVENT, 3);
    }

    /** From now on, frames go to the consumer on the I/O thread instead of the queue {@link #expect} reads. */
    void onFrame(Consumer<ByteBuffer> consumer) {
        this.handler.consumer = consumer;
    }

    public void send(byte[] frame) throws IOException {
        this.session.sendMessage(new BinaryMessage(frame));
    }

    @Override
    public void close() throws IOException {
        this.session.close(CloseStatus.NORMAL);
    }

    private static final class Handler extends BinaryWebSocketHandler {

        final BlockingQueue<ByteBuffer> queue = new LinkedBlockingQueue<>();

        volatile Consumer<ByteBuffer> consumer = this.queue::add;

        @Override
        protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
            this.consumer.accept(message.getPayload());
        }

    }

}
