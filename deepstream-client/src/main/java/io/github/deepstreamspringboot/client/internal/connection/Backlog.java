package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bound on outgoing messages, in bytes: those handed to {@link DeepstreamConnection#send} that the socket has
 * not taken yet, whether they wait for the event loop while online or in the {@link OfflineQueue} while offline. The
 * caller takes room before anything is queued, so a flood of sends is held or refused on the caller's thread and
 * memory stays within the bound plus one message. (The offline queue also bounds its count of messages: a client
 * that is offline for long should fail sends early rather than hold a large backlog.)
 *
 * <p>When the backlog is full, a caller either is refused at once, or waits up to {@code maxWait} for room, as
 * nats.java's publish does; the client's own threads (its event loop, its callback and handler threads) never wait:
 * the loop is what empties the backlog, and a blocked callback thread would stall every listener.
 *
 * <p>A message larger than the whole bound is taken when the backlog is empty, so that it is not refused for ever.
 *
 * <p><b>Thread model.</b> Thread-safe: lock-free while there is room; a waiting caller parks on a lock that only
 * waiting callers and {@link #release} (when someone waits) touch.
 */
final class Backlog {

    private final long maxBytes;

    private final Duration maxWait;

    private final AtomicLong bytes = new AtomicLong();

    private final AtomicInteger messages = new AtomicInteger();

    private final AtomicInteger waiters = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition room = this.lock.newCondition();

    Backlog(long maxBytes, Duration maxWait) {
        this.maxBytes = maxBytes;
        this.maxWait = maxWait;
    }

    /**
     * Takes room for a message, waiting up to the configured time if the caller may wait.
     * @param size the message's size, as estimated by {@link MessageSize}
     * @return {@code false} if the backlog stayed full
     */
    boolean acquire(long size) {
        if (tryAcquire(size)) {
            return true;
        }
        if (this.maxWait.isZero() || ClientThread.isCurrent()) {
            return false;
        }
        long remaining = this.maxWait.toNanos();
        this.waiters.incrementAndGet();
        this.lock.lock();
        try {
            while (!tryAcquire(size)) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = this.room.awaitNanos(remaining);
            }
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
        finally {
            this.lock.unlock();
            this.waiters.decrementAndGet();
        }
    }

    private boolean tryAcquire(long size) {
        long current;
        do {
            current = this.bytes.get();
            if (current > 0 && current + size > this.maxBytes) {
                return false;
            }
        }
        while (!this.bytes.compareAndSet(current, current + size));
        this.messages.incrementAndGet();
        return true;
    }

    /**
     * Takes room without asking: for the client's own frames (heartbeats, subscriptions, record writes, RPC answers),
     * which the protocol needs. They may fill the backlog past its bound by what the loop produces; callers are then
     * refused until the socket takes them.
     */
    void force(long size) {
        this.bytes.addAndGet(size);
        this.messages.incrementAndGet();
    }

    /** Gives room back: its message was written, or failed. */
    void release(long size) {
        this.bytes.addAndGet(-size);
        this.messages.decrementAndGet();
        if (this.waiters.get() > 0) {
            this.lock.lock();
            try {
                this.room.signalAll();
            }
            finally {
                this.lock.unlock();
            }
        }
    }

    /** @return the messages that hold room now */
    int messages() {
        return this.messages.get();
    }

    /** @return the callers waiting for room now */
    int waiters() {
        return this.waiters.get();
    }

    long bytes() {
        return this.bytes.get();
    }

    long maxBytes() {
        return this.maxBytes;
    }

    Duration maxWait() {
        return this.maxWait;
    }

}
