package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.protocol.Message;

/**
 * Where sent messages go: straight to the socket while the client is logged in and nothing waits before them, else
 * into the {@link OfflineQueue} (at most {@code offlineQueueMaxSize} messages), which is flushed in order after the
 * next login. Messages that wait too long, or find the queue full, fail their future with a named error kind, which
 * the error listeners also hear. (A backlog full in bytes is refused before a message gets here: see
 * {@link Backlog}.)
 *
 * <p><b>Thread model.</b> Confined to the connection's event loop, except {@link #written}, which only settles a
 * future and runs on the socket's writing thread; futures complete on the callback executor.
 */
final class Outbox {

    /** What the outbox needs from its connection; called on the loop. */
    interface Host {

        ConnectionState state();

        /**
         * Hands an application message to the socket's writer, which settles its future once written; {@code false}
         * if there is no socket.
         */
        boolean write(OfflineQueue.Entry entry);

        void reportError(ErrorKind kind, String problem, Topic topic);

    }

    private final Host host;

    private final EventLoop loop;

    private final OfflineQueue queue;

    private final StatisticsRecorder statistics;

    private final ConnectionNotifier notifier;

    private final int maxQueued;

    private EventLoop.Cancellable expiryTimer;

    Outbox(Host host, EventLoop loop, OfflineQueue queue, int maxQueued, StatisticsRecorder statistics,
            ConnectionNotifier notifier) {
        this.host = host;
        this.maxQueued = maxQueued;
        this.loop = loop;
        this.queue = queue;
        this.statistics = statistics;
        this.notifier = notifier;
    }

    void send(Message message, CompletableFuture<Void> done, Runnable onWritten, Runnable onAccepted) {
        ConnectionState state = this.host.state();
        if (state.isTerminal()) {
            String problem = "Cannot send " + message.topic() + " message: the client is " + state;
            // on CONNECTION, as the official client reports it; the message's topic is in the text
            this.host.reportError(ErrorKind.IS_CLOSED, problem, Topic.CONNECTION);
            this.notifier.fail(done, new DeepstreamException(ErrorKind.IS_CLOSED, problem));
            return;
        }
        OfflineQueue.Entry entry = new OfflineQueue.Entry(message, done, onWritten,
                this.queue.deadline(this.loop.now()));
        if (state == ConnectionState.OPEN && this.queue.size() == 0 && this.host.write(entry)) {
            run(onAccepted);
            run(onWritten);
            return;
        }
        if (this.queue.size() >= this.maxQueued) {
            this.statistics.offlineQueueRejected();
            String problem = "the offline queue is full (" + this.maxQueued + " messages wait for a connection); "
                    + message.topic() + " message refused";
            this.host.reportError(ErrorKind.OFFLINE_QUEUE_FULL, problem, message.topic());
            this.notifier.fail(done, new DeepstreamException(ErrorKind.OFFLINE_QUEUE_FULL, problem));
            return;
        }
        this.queue.add(entry);
        run(onAccepted);
        this.statistics.offlineQueueSize(this.queue.size());
        armExpiry();
    }

    /** Sends what waits, in order, for as long as the client stays logged in. */
    void flush() {
        OfflineQueue.Entry entry;
        while (this.host.state() == ConnectionState.OPEN && (entry = this.queue.poll()) != null) {
            if (entry.isExpired(this.loop.now())) {
                expire(entry);
            }
            else if (this.host.write(entry)) {
                run(entry.onWritten());
            }
            else {
                this.queue.pushFront(entry);
                break;
            }
        }
        this.statistics.offlineQueueSize(this.queue.size());
    }

    /**
     * Takes back messages that the socket's writer had not written when the socket was lost. Plain messages go back to
     * the front, in their order (they are older than anything queued since), and are sent after the next login. A
     * request, whose sender was told when it went to the writer that the server may see it, fails instead, as it
     * would had it been written before the loss: its sender has already given it up (an RPC call fails with
     * {@code CONNECTION_LOST}), so sending it again could run it with nobody waiting.
     * @param unwritten the messages, oldest first
     * @param problem why the socket was lost
     */
    void handBack(List<OfflineQueue.Entry> unwritten, String problem) {
        for (int i = unwritten.size() - 1; i >= 0; i--) {
            OfflineQueue.Entry entry = unwritten.get(i);
            if (entry.onWritten() != null || this.host.state().isTerminal()) {
                failUnwritten(entry, problem);
            }
            else {
                this.queue.pushFront(entry);
            }
        }
        this.statistics.offlineQueueSize(this.queue.size());
        if (this.queue.size() > 0) {
            armExpiry();
        }
    }

    private void failUnwritten(OfflineQueue.Entry entry, String problem) {
        this.notifier.fail(entry.done(), new DeepstreamException(ErrorKind.CONNECTION_ERROR,
                problem + "; the " + entry.message().topic() + " message may not have arrived"));
    }

    /**
     * The socket failed while writing a message: it and the messages taken for writing with it are handed back, as
     * on any loss ({@link #handBack}).
     * @param failed the message being written, or {@code null} for one of the client's own frames
     * @param unwritten the messages taken with it, oldest first
     * @param problem what failed
     */
    void writeFailed(OfflineQueue.Entry failed, List<OfflineQueue.Entry> unwritten, String problem) {
        List<OfflineQueue.Entry> all = new ArrayList<>();
        if (failed != null) {
            all.add(failed);
        }
        all.addAll(unwritten);
        handBack(all, problem);
        flush();
    }

    /** Settles an application message once the writer wrote it; any thread (the future completes on the callbacks). */
    void written(OfflineQueue.Entry entry) {
        this.notifier.complete(entry.done(), null);
    }

    /** Fails everything that waits, for good: the client is closed. */
    void failAll(RuntimeException failure) {
        if (this.expiryTimer != null) {
            this.expiryTimer.cancel();
            this.expiryTimer = null;
        }
        for (OfflineQueue.Entry entry : this.queue.drain()) {
            this.notifier.fail(entry.done(), failure);
        }
        this.statistics.offlineQueueSize(0);
    }

    private static void run(Runnable callback) {
        if (callback != null) {
            callback.run();
        }
    }

    private void armExpiry() {
        Instant deadline = this.queue.nextDeadline();
        if (this.expiryTimer == null && deadline != null) {
            Duration wait = Duration.between(this.loop.now(), deadline);
            this.expiryTimer = this.loop.schedule(this::expireWaiting, wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    private void expireWaiting() {
        this.expiryTimer = null;
        this.queue.removeExpired(this.loop.now()).forEach(this::expire);
        this.statistics.offlineQueueSize(this.queue.size());
        armExpiry();
    }

    private void expire(OfflineQueue.Entry entry) {
        this.statistics.offlineQueueRejected();
        String problem = entry.message().topic() + " message waited longer than " + this.queue.maxAge()
                + " for a connection";
        this.host.reportError(ErrorKind.OFFLINE_QUEUE_EXPIRED, problem, entry.message().topic());
        this.notifier.fail(entry.done(), new DeepstreamException(ErrorKind.OFFLINE_QUEUE_EXPIRED, problem));
    }

}
