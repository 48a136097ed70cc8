package io.github.deepstreamspringboot.client.record;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.Subscription;

/**
 * A record whose name can be switched, for example to show whichever item a user selected: switching discards the
 * previous record and moves the subscriptions to the new one (each told the new record's value once it is ready).
 * Thread-safe; switch from one thread at a time.
 */
public final class AnonymousRecord implements AutoCloseable {

    private final RecordClient records;

    private final List<Registered> subscriptions = new CopyOnWriteArrayList<>();

    private volatile Record current;

    AnonymousRecord(RecordClient records) {
        this.records = records;
    }

    /**
     * Switches to another record.
     * @param name the record's name
     * @return completes with the new record when it is ready
     */
    public synchronized CompletableFuture<Record> setName(String name) {
        Record previous = this.current;
        Record next = this.records.getRecord(name);
        for (Registered subscription : this.subscriptions) {
            subscription.moveTo(next);
        }
        this.current = next;
        if (previous != null) {
            previous.discard();
        }
        return next.whenReady();
    }

    /** @return the current record's name, or {@code null} before the first {@link #setName} */
    public String name() {
        Record record = this.current;
        return (record != null) ? record.name() : null;
    }

    /** @return the current record, or {@code null} before the first {@link #setName} */
    public Record record() {
        return this.current;
    }

    /** @return a copy of the current record's data ({@code null} before the first {@link #setName}) */
    public JsonNode get() {
        Record record = this.current;
        return (record != null) ? record.get() : null;
    }

    /**
     * Listens to a path of whichever record is current.
     * @param path the path, or {@code null} for the whole data
     * @param listener told the value on each change, and once per switch
     * @return a handle that stops listening
     */
    public Subscription subscribe(String path, RecordChangeListener listener) {
        Registered registered = new Registered(path, listener);
        this.subscriptions.add(registered);
        Record record = this.current;
        if (record != null) {
            registered.moveTo(record);
        }
        return () -> {
            this.subscriptions.remove(registered);
            registered.close();
        };
    }

    /** Discards the current record. */
    @Override
    public synchronized void close() {
        if (this.current != null) {
            this.current.discard();
            this.current = null;
        }
    }

    private static final class Registered {

        private final String path;

        private final RecordChangeListener listener;

        private volatile Subscription active;

        Registered(String path, RecordChangeListener listener) {
            this.path = path;
            this.listener = listener;
        }

        void moveTo(Record record) {
            close();
            this.active = record.subscribe(this.path, this.listener, true);
        }

        void close() {
            Subscription subscription = this.active;
            if (subscription != null) {
                subscription.close();
            }
        }

    }

}
