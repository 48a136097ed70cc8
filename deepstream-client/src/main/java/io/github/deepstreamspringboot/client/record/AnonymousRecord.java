package io.github.deepstreamspringboot.client.record;

import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.Subscription;
import org.jspecify.annotations.Nullable;

/**
 * A record whose name can be switched, for example to show whichever item a user selected: switching discards the
 * previous record and moves the subscriptions to the new one (each told the new record's value once it is ready).
 * Thread-safe; switch from one thread at a time.
 */
public interface AnonymousRecord extends AutoCloseable {

    /**
     * Switches to another record.
     * @param name the record's name
     * @return completes with the new record when it is ready
     */
    CompletableFuture<Record> setName(String name);

    /** @return the current record's name, or {@code null} before the first {@link #setName} */
    @Nullable String name();

    /** @return the current record, or {@code null} before the first {@link #setName} */
    @Nullable Record record();

    /** @return a copy of the current record's data ({@code null} before the first {@link #setName}) */
    @Nullable JsonNode get();

    /**
     * Listens to a path of whichever record is current.
     * @param path the path, or {@code null} for the whole data
     * @param listener told the value on each change, and once per switch
     * @return a handle that stops listening
     */
    Subscription subscribe(@Nullable String path, RecordChangeListener listener);

    /** Discards the current record. */
    @Override
    void close();

}
