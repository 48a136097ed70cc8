package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.internal.protocol.Message;

/**
 * Messages issued while the client is not logged in, or handed back by the socket's writer when its socket was lost
 * before they were written, in order, bounded in age (their count is bounded by the {@link Outbox}, their bytes by
 * the {@link Backlog}). Every entry carries the future of its operation, so that whoever removes it settles that
 * future: nothing leaves this queue silently.
 * Not thread-safe: used only on the connection's event loop.
 */
final class OfflineQueue {

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    private final Duration maxAge;

    OfflineQueue(Duration maxAge) {
        this.maxAge = maxAge;
    }

    /** Adds a message at the end. */
    void add(Entry entry) {
        this.entries.addLast(entry);
    }

    /** @return when a message queued now expires */
    Instant deadline(Instant now) {
        return now.plus(this.maxAge);
    }

    /** Puts an entry back at the front, for one that could not be sent after all. */
    void pushFront(Entry entry) {
        this.entries.addFirst(entry);
    }

    /** @return the oldest entry, removed, or {@code null} if empty */
    Entry poll() {
        return this.entries.pollFirst();
    }

    /** @return the time the oldest entry expires, or {@code null} if empty */
    Instant nextDeadline() {
        Entry first = this.entries.peekFirst();
        return (first != null) ? first.deadline() : null;
    }

    /** Removes and returns the entries that are expired at {@code now} (all entries share one max age, so they are at the front). */
    List<Entry> removeExpired(Instant now) {
        List<Entry> expired = new ArrayList<>();
        while (!this.entries.isEmpty() && this.entries.peekFirst().isExpired(now)) {
            expired.add(this.entries.pollFirst());
        }
        return expired;
    }

    /** Removes and returns every entry. */
    List<Entry> drain() {
        List<Entry> all = new ArrayList<>(this.entries);
        this.entries.clear();
        return all;
    }

    int size() {
        return this.entries.size();
    }

    Duration maxAge() {
        return this.maxAge;
    }

    /**
     * One queued message.
     * @param message the message
     * @param done settled when the message is sent or given up
     * @param onWritten run on the event loop when the message goes to the socket (is handed to its writer), or
     * {@code null}
     * @param deadline when the message expires
     */
    record Entry(Message message, CompletableFuture<Void> done, Runnable onWritten, Instant deadline) {

        boolean isExpired(Instant now) {
            return !now.isBefore(this.deadline);
        }

    }

}
