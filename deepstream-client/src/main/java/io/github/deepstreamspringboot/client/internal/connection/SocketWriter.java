package io.github.deepstreamspringboot.client.internal.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.deepstreamspringboot.client.internal.protocol.Frame;

/**
 * The writer of one socket. The event loop hands frames over and goes on; one task at a time on the transport's write
 * executor writes them in order, so that the loop never waits for the network, however slow or frozen the socket
 * (nats.java's connection writer and OkHttp's web socket writer task work the same way).
 *
 * <p><b>The bound.</b> A frame waiting here holds room in the connection's {@link Backlog}: an application message
 * holds the room its sender took, and the client's own frames (heartbeats, subscriptions, record writes, RPC answers)
 * take room when they are handed over, without being refused, since the protocol needs them. So a socket that stops
 * taking bytes fills the backlog, and then senders are refused visibly while the loop keeps running.
 *
 * <p><b>After a write.</b> What follows a write ({@code afterWrite}: counting it, settling the sender's future
 * through the callback thread, giving the backlog room back) is thread-safe and runs on the writing task's thread, so
 * a frame costs the loop nothing more once handed over. The writing task takes up to {@value #BATCH} frames at a
 * time, and flushes the session after each batch: on a non-blocking transport, whose write executor is the
 * connection's own event loop, the frames handed over in one turn of the loop go out with one flush. While the
 * session is not writable the task stops, and the frames stay here, holding their backlog room.
 *
 * <p><b>Losing the socket.</b> {@link #abandon()} hands back the application messages that were not written (the
 * outbox decides what becomes of them); the client's own frames are dropped, as they would be on a dead socket:
 * logging in again restores what they set up. A write that fails is reported to the {@link Listener} on the loop,
 * with the messages taken for writing with it; later frames are not written.
 *
 * <p><b>Thread model.</b> {@link #write} and {@link #abandon} on the event loop; the writing task on a write executor
 * thread, never two at once ({@code afterWrite} runs there too); a failure is reported on the loop (inline when the
 * writing task runs there: a transport whose send never blocks writes directly).
 */
final class SocketWriter {

    /** Told about a failed write, on the event loop. */
    interface Listener {

        /**
         * @param failed the frame whose write failed
         * @param unwritten the application messages taken for writing with it and not written, oldest first
         * @param failure why
         */
        void writeFailed(Pending failed, List<OfflineQueue.Entry> unwritten, Exception failure);

    }

    /** Frames written before the loop hears about them: one loop task per batch, not per frame. */
    private static final int BATCH = 256;

    private final TransportSession session;

    private final Executor executor;

    private final EventLoop loop;

    private final Backlog backlog;

    private final Listener listener;

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean running = new AtomicBoolean();

    private volatile boolean abandoned;

    SocketWriter(TransportSession session, Executor executor, EventLoop loop, Backlog backlog, Listener listener) {
        this.session = session;
        this.executor = executor;
        this.loop = loop;
        this.backlog = backlog;
        this.listener = listener;
    }

    /**
     * Hands a frame over; never blocks.
     * @param frame the frame
     * @param afterWrite run once the frame is written, on the writing thread: must be thread-safe, or {@code null}
     * @param message the application message the frame carries, whose sender holds backlog room, or {@code null}
     * for the client's own frames, which take room here
     */
    void write(Frame frame, Runnable afterWrite, OfflineQueue.Entry message) {
        long held = 0;
        if (message == null) {
            held = size(frame);
            this.backlog.force(held);
        }
        this.queue.add(new Pending(frame, held, afterWrite, message));
        if (this.running.compareAndSet(false, true)) {
            this.executor.execute(this::writeQueued);
        }
    }

    /**
     * Stops writing: frames not yet written are released, and the application messages among them returned in
     * order. The frame being written, if any, still finishes (or fails) on its own.
     * @return the unwritten application messages, oldest first
     */
    List<OfflineQueue.Entry> abandon() {
        this.abandoned = true;
        List<OfflineQueue.Entry> unwritten = new ArrayList<>();
        Pending pending;
        while ((pending = this.queue.poll()) != null) {
            release(pending);
            if (pending.message() != null) {
                unwritten.add(pending.message());
            }
        }
        return unwritten;
    }

    TransportSession session() {
        return this.session;
    }

    private void writeQueued() {
        do {
            List<Pending> batch;
            while (!this.abandoned) {
                if (!this.session.writable()) {
                    // stays running: the session calls back once its buffer has drained, and the frames wait here
                    this.session.whenWritable(() -> this.executor.execute(this::writeQueued));
                    return;
                }
                batch = nextBatch();
                if (batch.isEmpty()) {
                    break;
                }
                for (int i = 0; i < batch.size(); i++) {
                    Pending next = batch.get(i);
                    try {
                        this.session.send(next.frame());
                    }
                    catch (Exception ex) {
                        this.abandoned = true;
                        List<Pending> unwritten = batch.subList(i + 1, batch.size());
                        onLoop(() -> {
                            release(next);
                            unwritten.forEach(this::release);
                            this.listener.writeFailed(next, unwritten.stream().map(Pending::message)
                                .filter(Objects::nonNull).toList(), ex);
                        });
                        return;
                    }
                    written(next);
                }
                this.session.flush();
            }
            this.running.set(false);
        }
        // a frame handed over after the queue looked empty, but before running was cleared, is written now
        while (!this.abandoned && !this.queue.isEmpty() && this.running.compareAndSet(false, true));
    }

    /** @return up to {@link #BATCH} frames, oldest first */
    private List<Pending> nextBatch() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < BATCH && (next = this.queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void written(Pending pending) {
        release(pending);
        if (pending.afterWrite() != null) {
            pending.afterWrite().run();
        }
    }

    private void onLoop(Runnable task) {
        if (this.loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            this.loop.execute(task);
        }
        catch (RuntimeException ex) {
            // the loop is gone: the client closed, and failed everything that waited
        }
    }

    private void release(Pending pending) {
        if (pending.heldBytes() > 0) {
            this.backlog.release(pending.heldBytes());
        }
    }

    static long size(Frame frame) {
        return (frame instanceof Frame.Binary binary) ? binary.bytes().length
                : ((Frame.Text) frame).text().length() * 2L;
    }

    /**
     * A frame waiting for the socket.
     * @param frame the frame
     * @param heldBytes the backlog room this frame took itself (zero for an application message)
     * @param afterWrite run once written, on the writing thread, or {@code null}
     * @param message the application message, or {@code null}
     */
    record Pending(Frame frame, long heldBytes, Runnable afterWrite, OfflineQueue.Entry message) {
    }

}
