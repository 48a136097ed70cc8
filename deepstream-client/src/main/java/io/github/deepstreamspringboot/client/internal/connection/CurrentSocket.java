package io.github.deepstreamspringboot.client.internal.connection;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.internal.protocol.Codecs;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.MessageCodec;

/**
 * The connection's current socket: the id of the current attempt (transport callbacks carrying an older one are
 * stale), the codec of its protocol, its {@link SocketWriter} once open, and the closing handshake of the last socket
 * given up. Sending encodes on the loop and hands the frame to the writer; nothing here waits for the network.
 *
 * <p><b>Thread model.</b> Confined to the connection's event loop.
 */
final class CurrentSocket {

    private final Transport transport;

    private final EventLoop loop;

    private final Backlog backlog;

    private final StatisticsRecorder statistics;

    /** Id of the current socket attempt. */
    private long id;

    private MessageCodec codec;

    /** The open socket's writer; {@code null} while none is open. */
    private SocketWriter writer;

    /** Whether the current socket has brought any frame, which tells a protocol mismatch from other closes. */
    private boolean heardFrom;

    /** The closing handshake of the last socket given up: what closing the client waits for. */
    private CompletableFuture<Void> lastClosed = CompletableFuture.completedFuture(null);

    CurrentSocket(ServerUrl url, Transport transport, EventLoop loop, Backlog backlog, StatisticsRecorder statistics) {
        this.transport = transport;
        this.loop = loop;
        this.backlog = backlog;
        this.statistics = statistics;
        this.codec = Codecs.of(url.protocol());
    }

    /**
     * Starts a new attempt.
     * @param target where it goes, whose protocol the codec follows
     * @return the attempt's id
     */
    long nextAttempt(ServerUrl target) {
        this.codec = Codecs.of(target.protocol());
        return ++this.id;
    }

    /** Makes the callbacks of the current socket stale, before it is given up. */
    void invalidate() {
        this.id++;
    }

    long id() {
        return this.id;
    }

    /** @return whether the callback of socket {@code id} is about the current, open socket */
    boolean isCurrent(long id) {
        return id == this.id && this.writer != null;
    }

    MessageCodec codec() {
        return this.codec;
    }

    /** The transport opened the current attempt's socket. */
    void opened(TransportSession session, SocketWriter.Listener onWriteFailed) {
        this.writer = new SocketWriter(session, this.transport.writeExecutor(), this.loop, this.backlog,
                onWriteFailed);
        this.heardFrom = false;
    }

    void heard() {
        this.heardFrom = true;
    }

    boolean heardFrom() {
        return this.heardFrom;
    }

    /** Hands one of the client's own messages to the writer. @return {@code false} if no socket is open */
    boolean send(Message message) {
        if (this.writer == null) {
            return false;
        }
        this.writer.write(this.codec.encode(message), () -> this.statistics.sent(message.topic()), null);
        return true;
    }

    /**
     * Hands an application message to the writer; {@code written} runs once the write is done, on the writing
     * thread.
     * @param entry the message, whose sender holds backlog room
     * @param written run once written, on the writing thread: thread-safe
     * @return {@code false} if no socket is open
     */
    boolean write(OfflineQueue.Entry entry, Runnable written) {
        if (this.writer == null) {
            return false;
        }
        Message message = entry.message();
        this.writer.write(this.codec.encode(message), () -> {
            this.statistics.sent(message.topic());
            written.run();
        }, entry);
        return true;
    }

    /**
     * Gives the open socket up, if any, and starts its closing handshake.
     * @return the application messages its writer had not written, oldest first
     */
    List<OfflineQueue.Entry> abandon() {
        if (this.writer == null) {
            return List.of();
        }
        List<OfflineQueue.Entry> unwritten = this.writer.abandon();
        this.lastClosed = closeOffLoop(this.writer.session());
        this.writer = null;
        return unwritten;
    }

    /** @return the closing handshake of the last socket given up */
    CompletableFuture<Void> lastClosed() {
        return this.lastClosed;
    }

    /**
     * Starts a closing handshake on the write executor: Tomcat writes the close frame with a blocking write, which
     * waits behind a frame that a frozen socket does not take.
     * @return completes when the handshake is over (never fails)
     */
    CompletableFuture<Void> closeOffLoop(TransportSession session) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try {
            this.transport.writeExecutor()
                .execute(() -> session.close().whenComplete((ignored, ex) -> closed.complete(null)));
        }
        catch (RuntimeException ex) {
            session.close().whenComplete((ignored, failure) -> closed.complete(null));
        }
        return closed;
    }

}
