package io.github.deepstreamspringboot.client.record;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.connection.FeatureContext;
import io.github.deepstreamspringboot.client.listen.ListenHandler;
import io.github.deepstreamspringboot.client.Topic;

/**
 * deepstream records: {@link #getRecord open} synced records and {@link #getList lists}, and read or write records
 * without subscribing ({@link #snapshot}, {@link #has}, {@link #head}, {@link #setData}, {@link #eraseData}).
 *
 * <p><b>Versions.</b> Every write goes out as the server's version + 1, never higher (a version above current + 1
 * leaves the record unwritable on deepstream 7.0.2): each record has at most one write in flight, and the changes
 * made while it is in flight go out together, as one write, when it is acknowledged. A remote update that does not
 * follow the local version, a write that lost to another ({@code VERSION_EXISTS}), and a record edited while offline
 * are resolved with the record's {@link MergeStrategy}: the merged data is adopted and, if it differs from the
 * server's, written back as the next version. A write the server refused (permissions, update error) is reverted to
 * the server's data.
 *
 * <p><b>Reconnection.</b> Every open record is subscribed again in one bulk message after the re-login. A record
 * without local changes compares versions and adopts the server's data if it changed. A record edited offline is read
 * and reconciled: if the server still has what this client last saw, the local data is written; if the server already
 * has the local data, it is adopted; otherwise the merge strategy decides. Writes made offline are thus never
 * dropped silently: with {@link MergeStrategy#REMOTE_WINS} they are discarded as conflicts, and their acknowledged
 * writes fail with {@link RecordException.Reason#VERSION_CONFLICT}.
 *
 * <p><b>Discarding.</b> A record whose last handle was discarded stays subscribed for the option
 * {@code recordDiscardTimeout} (zero by default: unsubscribed at once), so that getting it again within that time
 * needs no round trip.
 *
 * <p><b>Threads.</b> Public methods may be called from any thread; all record state lives on the event loop
 * ({@link RecordEngine}).
 */
public final class RecordClient {

    private final DeepstreamConnection connection;

    private final RecordActivity activity;

    private final RecordEngine engine;

    private volatile MergeStrategy defaultStrategy;

    /**
     * Creates the record client of a connection and registers it for the {@link Topic#RECORD} topic.
     * @param context the client's feature context
     */
    public RecordClient(FeatureContext context) {
        this.connection = context.connection();
        this.defaultStrategy = this.connection.options().mergeStrategy();
        this.activity = new RecordActivity(this.connection);
        this.engine = new RecordEngine(context, this.activity, () -> this.defaultStrategy);
        this.connection.setTopicHandler(Topic.RECORD, this.engine);
    }

    /**
     * Sets the merge strategy of records that have none of their own (default: the option {@code mergeStrategy},
     * {@link MergeStrategy#REMOTE_WINS} unless set).
     * @param strategy the strategy
     */
    public void setMergeStrategy(MergeStrategy strategy) {
        this.defaultStrategy = Objects.requireNonNull(strategy, "'strategy' must not be null");
    }

    /**
     * Opens a record, creating it on the server if it does not exist.
     * @param name the record's name
     * @return a handle; release it with {@link Record#discard()}
     */
    public Record getRecord(String name) {
        requireName(name);
        RecordHandle handle = new RecordHandle(this.engine, name);
        if (!this.connection.execute(() -> this.engine.open(handle))) {
            handle.ready().completeExceptionally(closed());
        }
        return handle;
    }

    /**
     * Opens a list: a record whose data is an array of record names.
     * @param name the list's name
     * @return the list; release it with {@link RecordList#discard()}
     */
    public RecordList getList(String name) {
        return new RecordList(getRecord(name));
    }

    /**
     * Creates a record handle whose name can be switched.
     * @return the anonymous record; call {@link AnonymousRecord#setName} to open a record
     */
    public AnonymousRecord getAnonymousRecord() {
        return new AnonymousRecord(this);
    }

    /**
     * Reads a record without subscribing.
     * @param name the record
     * @return its data; fails with {@link RecordException.Reason#NOT_FOUND} if it does not exist
     */
    public CompletableFuture<JsonNode> snapshot(String name) {
        requireName(name);
        return this.engine.requests().snapshot(name);
    }

    /**
     * Reads a record without subscribing, with a record that does not exist as a normal outcome: for a
     * {@code GET /orders/{id}} that answers 404 rather than catching an exception.
     * @param name the record
     * @return its data, or empty if it does not exist; fails only for other reasons (the connection, permissions)
     */
    public CompletableFuture<Optional<JsonNode>> snapshotIfExists(String name) {
        return snapshot(name).handle((data, failure) -> {
            if (failure == null) {
                return Optional.of(data);
            }
            Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
                    ? failure.getCause() : failure;
            if (cause instanceof RecordException record && record.getReason() == RecordException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw (failure instanceof CompletionException completion) ? completion : new CompletionException(cause);
        });
    }

    /**
     * Reads a record's version without subscribing.
     * @param name the record
     * @return its version; {@code -1} if it does not exist
     */
    public CompletableFuture<Integer> head(String name) {
        requireName(name);
        return this.engine.requests().head(name);
    }

    /**
     * Tells whether a record exists.
     * @param name the record
     * @return whether it exists
     */
    public CompletableFuture<Boolean> has(String name) {
        return head(name).thenApply((version) -> version != -1);
    }

    /**
     * Creates or replaces a record's data. If this client holds the record, the write goes through it, with its
     * version handling, and its listeners see it; otherwise the server assigns the version.
     * @param name the record
     * @param value the data (an object or array)
     * @return completes when the write was sent, or applied to the held record
     */
    public CompletableFuture<Void> setData(String name, Object value) {
        return writeData(name, null, value, false, false);
    }

    /**
     * Creates a record or sets one path of it, as {@link #setData(String, Object)} does.
     * @param name the record
     * @param path the path
     * @param value the value; {@code null} writes JSON {@code null} (use {@link #eraseData} to remove the path)
     * @return completes when the write was sent, or applied to the held record
     */
    public CompletableFuture<Void> setData(String name, String path, Object value) {
        RecordPath.parse(path);
        return writeData(name, path, value, false, false);
    }

    /**
     * Like {@link #setData(String, Object)}, and completes when the server has stored the write.
     * @param name the record
     * @param value the data
     * @return completes when stored; fails with a {@link RecordException}
     */
    public CompletableFuture<Void> setDataWithAck(String name, Object value) {
        return observed(name, writeData(name, null, value, false, true));
    }

    /**
     * Like {@link #setData(String, String, Object)}, and completes when the server has stored the write.
     * @param name the record
     * @param path the path
     * @param value the value
     * @return completes when stored; fails with a {@link RecordException}
     */
    public CompletableFuture<Void> setDataWithAck(String name, String path, Object value) {
        RecordPath.parse(path);
        return observed(name, writeData(name, path, value, false, true));
    }

    /**
     * Removes one path of a record (deepstream's {@code setData(name, path, undefined)}). Unlike the other writes,
     * it does not create the record: the server answers an erase of a record that does not exist with an error,
     * which reaches the error listeners as {@link ErrorKind#RECORD_ERROR} (the future has completed when it was
     * sent).
     * @param name the record
     * @param path the path to remove
     * @return completes when the erase was sent, or applied to the held record
     */
    public CompletableFuture<Void> eraseData(String name, String path) {
        RecordPath.parse(path);
        return writeData(name, path, null, true, false);
    }

    /**
     * Like {@link #eraseData}, and completes when the server has stored the erase.
     * @param name the record
     * @param path the path to remove
     * @return completes when stored; fails with a {@link RecordException}. On a record that does not exist,
     *     deepstream 7.0.2 creates it, empty ({@code {}}, version 1), and acknowledges the erase
     */
    public CompletableFuture<Void> eraseDataWithAck(String name, String path) {
        RecordPath.parse(path);
        return observed(name, writeData(name, path, null, true, true));
    }

    /** Observes a write with acknowledgement until it settles. */
    private CompletableFuture<Void> observed(String name, CompletableFuture<Void> acknowledged) {
        return this.engine.context().observations().recordWrite(name, acknowledged);
    }

    private CompletableFuture<Void> writeData(String name, String path, Object value, boolean erase,
            boolean acknowledged) {
        requireName(name);
        JsonNode json = erase ? null : this.engine.payloads().toJson(value);
        Waiter<Void> waiter = acknowledged ? new Waiter<>(name) : null;
        CompletableFuture<Void> result = acknowledged ? waiter.future : new CompletableFuture<>();
        // the server does not echo a write to its writer: a record this client holds must see its own write, so the
        // choice between it and a plain write is made on the loop, where the open records live
        boolean submitted = this.connection.execute(() -> {
            RecordState held = this.engine.held(name);
            if (held != null) {
                this.engine.write(held, path, json, erase, waiter);
                if (!acknowledged) {
                    result.complete(null);
                }
                return;
            }
            CompletableFuture<Void> sent = this.engine.requests().write(name, path, json, erase, waiter);
            if (!acknowledged) {
                sent.whenComplete((ignored, failure) -> complete(result, failure));
            }
        });
        if (!submitted) {
            result.completeExceptionally(closed());
        }
        return result;
    }

    private static void complete(CompletableFuture<Void> future, Throwable failure) {
        if (failure != null) {
            future.completeExceptionally(failure);
        }
        else {
            future.complete(null);
        }
    }

    /**
     * Listens for subscriptions to records matching a pattern, to provide them actively (subscribers see
     * {@link Record#hasProvider()} while a listener accepted).
     * @param pattern a regular expression, as the server evaluates it
     * @param handler told about matching record names
     * @return a handle that stops listening
     */
    public Subscription listen(String pattern, ListenHandler handler) {
        return this.engine.listens().listen(pattern, handler);
    }

    /**
     * Stops listening to a pattern.
     * @param pattern the pattern
     */
    public void unlisten(String pattern) {
        this.engine.listens().unlisten(pattern);
    }

    /**
     * Registers a listener for record activity (for metrics); it is told the number of open records at once.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addRecordListener(RecordListener listener) {
        return this.activity.add(listener);
    }

    /**
     * Returns the number of records open on this client (distinct names, including those within their discard
     * timeout, which are still subscribed).
     * @return the number
     */
    public int openRecords() {
        return this.activity.openRecords();
    }

    private static DeepstreamException closed() {
        return new DeepstreamException(ErrorKind.IS_CLOSED, "The client is closed");
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("'name' must not be empty");
        }
    }

}
