package io.github.deepstreamspringboot.client.connection;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one bound on outgoing messages: those handed to {@link DeepstreamConnection#send} that the socket has not
 * taken yet, whether they wait for the event loop while online or in the {@link OfflineQueue} while offline. The
 * caller takes a place before anything is allocated or queued, so a flood of sends is refused on the caller's thread
 * and memory stays within the bound plus a constant.
 *
 * <p><b>Thread model.</b> Thread-safe, lock-free.
 */
final class Backlog {

    private final int limit;

    private final AtomicInteger size = new AtomicInteger();

    Backlog(int limit) {
        this.limit = limit;
    }

    /** Takes a place; {@code false} if the backlog is full. */
    boolean tryAcquire() {
        int current;
        do {
            current = this.size.get();
            if (current >= this.limit) {
                return false;
            }
        }
        while (!this.size.compareAndSet(current, current + 1));
        return true;
    }

    /** Gives a place back: its message was written, or failed. */
    void release() {
        this.size.decrementAndGet();
    }

    int size() {
        return this.size.get();
    }

    int limit() {
        return this.limit;
    }

}
