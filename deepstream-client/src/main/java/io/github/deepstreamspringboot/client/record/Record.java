package io.github.deepstreamspringboot.client.record;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.Subscription;
import org.jspecify.annotations.Nullable;

/**
 * A handle to a deepstream record: a JSON document (object or array) that every subscribed client sees change.
 * Handles of one name share one server subscription; {@link #discard()} releases this handle and the last one
 * unsubscribes. Reads return copies; writes change the local data before they return (a following {@link #get()} sees
 * them), notify the local subscribers, and go to the server as the next version (or, while offline, are kept and
 * reconciled after the reconnection). A write never waits for the network: it returns once the client's event loop
 * has applied it. While the outgoing backlog is full (a socket that takes no bytes), a write is refused before it
 * changes anything, like an emit: the error listeners hear {@code OFFLINE_QUEUE_FULL}, and a write with an
 * acknowledgement fails with it.
 *
 * <p>Thread-safe. Listeners run on their own handler threads, in order; futures complete on the callback thread.
 */
public interface Record extends AutoCloseable {

    /** @return the record's name */
    String name();

    /** @return the version of the local data ({@code -1} before the record is ready) */
    int version();

    /** @return whether the record's data has arrived from the server */
    boolean isReady();

    /**
     * Completes once the record's data has arrived from the server (never with data the client did not receive);
     * fails if the server refused the subscription.
     * @return this record, when ready
     */
    CompletableFuture<Record> whenReady();

    /** @return a copy of the whole data ({@code {}} before ready) */
    JsonNode get();

    /**
     * @param path a path such as {@code a.b} or {@code tags[1]}
     * @return a copy of the value at the path, or {@code null} if there is none
     */
    @Nullable JsonNode get(String path);

    /**
     * @param <T> the type
     * @param type the type to convert the whole data to
     * @return the converted data
     */
    <T> T get(Class<T> type);

    /**
     * @param <T> the type
     * @param path the path
     * @param type the type to convert the value to
     * @return the converted value, or {@code null} if there is none
     */
    <T> @Nullable T get(String path, Class<T> type);

    /**
     * Replaces the whole data.
     * @param value an object or array (a POJO, record, Map, List or JSON node)
     */
    void set(Object value);

    /**
     * Sets the value at a path, creating missing intermediate nodes.
     * @param path the path
     * @param value the value ({@code null} sets JSON null)
     */
    void set(String path, @Nullable Object value);

    /**
     * Removes the value at a path.
     * @param path the path
     */
    void erase(String path);

    /**
     * Like {@link #set(Object)}, and completes when the server has stored the write.
     * @param value the data
     * @return completes when stored; fails with a {@link RecordException} (conflict lost, denied, update error,
     * timeout)
     */
    CompletableFuture<Void> setWithAck(Object value);

    /**
     * Like {@link #set(String, Object)}, and completes when the server has stored the write.
     * @param path the path
     * @param value the value
     * @return completes when stored; fails with a {@link RecordException}
     */
    CompletableFuture<Void> setWithAck(String path, Object value);

    /**
     * Like {@link #erase(String)}, and completes when the server has stored the write.
     * @param path the path
     * @return completes when stored; fails with a {@link RecordException}
     */
    CompletableFuture<Void> eraseWithAck(String path);

    /**
     * Listens to changes of the whole data.
     * @param listener told the new data each time it changes
     * @return a handle that stops listening
     */
    Subscription subscribe(RecordChangeListener listener);

    /**
     * Listens to changes of the value at a path (or of the whole data when {@code path} is {@code null}).
     * @param path the path, or {@code null}
     * @param listener told the new value each time it actually changes
     * @param triggerNow whether to be told the current value at once (once the record is ready)
     * @return a handle that stops listening
     */
    Subscription subscribe(@Nullable String path, RecordChangeListener listener, boolean triggerNow);

    /**
     * Listens to changes of the value at a path, converted to a type.
     * @param <T> the type
     * @param path the path, or {@code null} for the whole data
     * @param type the type
     * @param listener told the converted value each time it changes
     * @param triggerNow whether to be told the current value at once
     * @return a handle that stops listening
     */
    <T> Subscription subscribe(String path, Class<T> type, Consumer<T> listener, boolean triggerNow);

    /** @return whether an active provider (a listening client that accepted this record) exists */
    boolean hasProvider();

    /**
     * @param listener told whether an active provider exists, each time that changes
     * @return a handle that stops listening
     */
    Subscription onProviderChanged(Consumer<Boolean> listener);

    /**
     * @param listener told when the record was deleted (by this or another client); the handle is then unusable
     * @return a handle that stops listening
     */
    Subscription onDeleted(Runnable listener);

    /**
     * Sets how conflicts of this record are merged (default: the client's {@code mergeStrategy}).
     * @param strategy the strategy
     */
    void setMergeStrategy(MergeStrategy strategy);

    /**
     * Deletes the record on the server; every subscriber is told and every handle becomes unusable.
     * @return completes when deleted; fails at once with {@link RecordException.Reason#OFFLINE} when not connected
     */
    CompletableFuture<Void> delete();

    /** Releases this handle; the last handle of a name unsubscribes from the server. Idempotent. */
    void discard();

    /** Same as {@link #discard()}. */
    @Override
    default void close() {
        discard();
    }

}
