package io.github.deepstreamspringboot.benchmark;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

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
public final class RawClient extends InboxSocket {

    private static final WebSocketContainer container = ContainerProvider.getWebSocketContainer();

    private static final StandardWebSocketClient client = new StandardWebSocketClient(container);

    private final WebSocketSession session;

    private RawClient(WebSocketSession session, FrameInbox inbox) {
        super(inbox);
        this.session = session;
    }

    /** Opens a socket, sends CHALLENGE and AUTH REQUEST as our client does, and returns once logged in. */
    public static RawClient login(String url, String username) throws Exception {
        FrameInbox inbox = new FrameInbox();
        WebSocketSession session = client.execute(new Handler(inbox), null, URI.create(url))
            .get(10, TimeUnit.SECONDS);
        // our client turns Nagle's algorithm off; a floor that did not would be slower than the client on it
        assertThat(TomcatSockets.noDelay(session)).isTrue();
        return RawSocket.loggedIn(new RawClient(session, inbox), username);
    }

    @Override
    public void send(byte[] frame) throws IOException {
        this.session.sendMessage(new BinaryMessage(frame));
    }

    @Override
    public void close() throws IOException {
        this.session.close(CloseStatus.NORMAL);
    }

    private static final class Handler extends BinaryWebSocketHandler {

        private final FrameInbox inbox;

        Handler(FrameInbox inbox) {
            this.inbox = inbox;
        }

        @Override
        protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
            this.inbox.accept(message.getPayload());
        }

    }

}
