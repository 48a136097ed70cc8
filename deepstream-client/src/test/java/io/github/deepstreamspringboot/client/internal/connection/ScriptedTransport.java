package io.github.deepstreamspringboot.client.internal.connection;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.internal.protocol.Frame;
import io.github.deepstreamspringboot.client.internal.protocol.JsonMessageCodec;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.MessageParseException;

/**
 * A {@link Transport} that a test drives by hand: every {@code connect} becomes an {@link Attempt} the test opens,
 * fails, feeds frames into or closes, and which records what the client sent. Not thread-safe.
 */
public final class ScriptedTransport implements Transport {

    private final List<Attempt> attempts = new ArrayList<>();

    @Override
    public CompletableFuture<TransportSession> connect(URI uri, TransportListener listener) {
        Attempt attempt = new Attempt(uri, listener);
        this.attempts.add(attempt);
        return attempt.future;
    }

    public List<Attempt> attempts() {
        return this.attempts;
    }

    public Attempt latest() {
        return this.attempts.get(this.attempts.size() - 1);
    }

    /** One connection attempt and, once opened, its socket. */
    public static final class Attempt implements TransportSession {

        private final URI uri;

        private final TransportListener listener;

        private final CompletableFuture<TransportSession> future = new CompletableFuture<>();

        private final List<Message> sent = new ArrayList<>();

        private final JsonMessageCodec codec = new JsonMessageCodec();

        private boolean closedByClient;

        private final CompletableFuture<Void> serverAnsweredClose = new CompletableFuture<>();

        private boolean failSends;

        Attempt(URI uri, TransportListener listener) {
            this.uri = uri;
            this.listener = listener;
        }

        /** @return where the client tried to connect */
        public URI uri() {
            return this.uri;
        }

        public void open() {
            this.listener.onOpen(this);
            this.future.complete(this);
        }

        public void fail() {
            this.future.completeExceptionally(new IOException("Connection refused"));
        }

        public void receive(String json) {
            this.listener.onFrame(new Frame.Text(json));
        }

        public void closeByServer() {
            this.listener.onClosed(1006, "");
        }

        public void failSends() {
            this.failSends = true;
        }

        public List<Message> sent() {
            return this.sent;
        }

        public boolean closedByClient() {
            return this.closedByClient;
        }

        @Override
        public void send(Frame frame) throws IOException {
            if (this.failSends) {
                throw new IOException("Broken pipe");
            }
            try {
                this.sent.add(this.codec.decode(frame));
            }
            catch (MessageParseException ex) {
                throw new IllegalStateException(ex);
            }
        }

        @Override
        public CompletableFuture<Void> close() {
            this.closedByClient = true;
            return this.serverAnsweredClose;
        }

        /** The server's side of the closing handshake, which a test completes, or never does for a dead server. */
        public CompletableFuture<Void> serverAnsweredClose() {
            return this.serverAnsweredClose;
        }

    }

}
