package io.github.deepstreamspringboot.client.internal.record;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.listen.ListenHandler;
import io.github.deepstreamspringboot.client.record.AnonymousRecord;
import io.github.deepstreamspringboot.client.record.MergeStrategy;
import io.github.deepstreamspringboot.client.record.Record;
import io.github.deepstreamspringboot.client.record.RecordClient;
import io.github.deepstreamspringboot.client.record.RecordException;
import io.github.deepstreamspringboot.client.record.RecordList;
import io.github.deepstreamspringboot.client.record.RecordListener;

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
public final class DefaultRecordClient implements RecordClient {

    private final DeepstreamConnection connection;

    private final RecordActivity activity;

    private final RecordEngine engine;

    private volatile MergeStrategy defaultStrategy;

    /**
     * Creates the record client of a connection and registers it for the {@link Topic#RECORD} topic.
     * @param context the client's feature context
     */
    public DefaultRecordClient(FeatureContext context) {
        this.connection = context.connection();
        this.defaultStrategy = this.connection.options().mergeStrategy();
        this.activity = new RecordActivity(this.connection);
        this.engine = new RecordEngine(context, this.activity, () -> this.defaultStrategy);
        this.connection.setTopicHandler(Topic.RECORD, this.engine);
    }

    @Override
    public void setMergeStrategy(MergeStrategy strategy) {
        this.defaultStrategy = Objects.requireNonNull(strategy, "'strategy' must not be null");
    }

    @Override
    public Record getRecord(String name) {
        requireName(name);
        RecordHandle handle = new RecordHandle(this.engine, name);
        if (!this.connection.execute(() -> this.engine.open(handle))) {
            handle.ready().completeExceptionally(closed());
        }
        return handle;
    }

    @Override
    public RecordList getList(String name) {
        return new DefaultRecordList(getRecord(name));
    }

    @Override
    public AnonymousRecord getAnonymousRecord() {
        return new DefaultAnonymousRecord(this);
    }

    @Override
    public CompletableFuture<JsonNode> snapshot(String name) {
        requireName(name);
        return this.engine.requests().snapshot(name);
    }

    @Override
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

    @Override
    public CompletableFuture<Integer> head(String name) {
        requireName(name);
        return this.engine.requests().head(name);
    }

    @Override
    public CompletableFuture<Boolean> has(String name) {
        return head(name).thenApply((version) -> version != -1);
    }

    @Override
    public CompletableFuture<Void> setData(String name, Object value) {
        return writeData(name, null, value, false, false);
    }

    @Override
    public CompletableFuture<Void> setData(String name, String path, Object value) {
        RecordPath.parse(path);
        return writeData(name, path, value, false, false);
    }

    @Override
    public CompletableFuture<Void> setDataWithAck(String name, Object value) {
        return observed(name, writeData(name, null, value, false, true));
    }

    @Override
    public CompletableFuture<Void> setDataWithAck(String name, String path, Object value) {
        RecordPath.parse(path);
        return observed(name, writeData(name, path, value, false, true));
    }

    @Override
    public CompletableFuture<Void> eraseData(String name, String path) {
        RecordPath.parse(path);
        return writeData(name, path, null, true, false);
    }

    @Override
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

    @Override
    public Subscription listen(String pattern, ListenHandler handler) {
        return this.engine.listens().listen(pattern, handler);
    }

    @Override
    public void unlisten(String pattern) {
        this.engine.listens().unlisten(pattern);
    }

    @Override
    public Subscription addRecordListener(RecordListener listener) {
        return this.activity.add(listener);
    }

    @Override
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
