package io.github.deepstreamspringboot.client.internal.record;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.record.AnonymousRecord;
import io.github.deepstreamspringboot.client.record.Record;
import io.github.deepstreamspringboot.client.record.RecordChangeListener;
import io.github.deepstreamspringboot.client.record.RecordClient;

/**
 * A record whose name can be switched, for example to show whichever item a user selected: switching discards the
 * previous record and moves the subscriptions to the new one (each told the new record's value once it is ready).
 * Thread-safe; switch from one thread at a time.
 */
public final class DefaultAnonymousRecord implements AnonymousRecord {

    private final RecordClient records;

    private final List<Registered> subscriptions = new CopyOnWriteArrayList<>();

    private volatile Record current;

    public DefaultAnonymousRecord(RecordClient records) {
        this.records = records;
    }

    @Override
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

    @Override
    public String name() {
        Record record = this.current;
        return (record != null) ? record.name() : null;
    }

    @Override
    public Record record() {
        return this.current;
    }

    @Override
    public JsonNode get() {
        Record record = this.current;
        return (record != null) ? record.get() : null;
    }

    @Override
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
