package io.github.deepstreamspringboot.benchmark;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A raw floor on the JDK's own WebSocket client ({@code java.net.http.WebSocket}), for comparison with the Tomcat
 * floor: the same frames, the JDK's transport. A send waits for the previous one (the JDK allows one at a time), as
 * Tomcat's blocking send does.
 */
final class JdkRawSocket extends InboxSocket {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final WebSocket socket;

    private JdkRawSocket(WebSocket socket, FrameInbox inbox) {
        super(inbox);
        this.socket = socket;
    }

    static JdkRawSocket login(String url, String username) throws Exception {
        FrameInbox inbox = new FrameInbox();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(url), new Listener(inbox))
            .get(10, TimeUnit.SECONDS);
        return RawSocket.loggedIn(new JdkRawSocket(socket, inbox), username);
    }

    @Override
    public void send(byte[] frame) {
        this.socket.sendBinary(ByteBuffer.wrap(frame), true).join();
    }

    @Override
    public void close() {
        this.socket.abort();
    }

    /** Hands whole binary messages to the inbox; the buffer the JDK passes is valid only during the call. */
    private static final class Listener implements WebSocket.Listener {

        private final FrameInbox inbox;

        private ByteArrayOutputStream parts;

        Listener(FrameInbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            if (last && this.parts == null) {
                this.inbox.accept(ByteBuffer.wrap(bytes));
            }
            else {
                this.parts = (this.parts != null) ? this.parts : new ByteArrayOutputStream();
                this.parts.writeBytes(bytes);
                if (last) {
                    this.inbox.accept(ByteBuffer.wrap(this.parts.toByteArray()));
                    this.parts = null;
                }
            }
            webSocket.request(1);
            return null;
        }

    }

}
