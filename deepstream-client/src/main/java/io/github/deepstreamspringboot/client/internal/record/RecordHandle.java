package io.github.deepstreamspringboot.client.internal.record;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.PayloadConversionException;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.internal.connection.SerialExecutor;
import io.github.deepstreamspringboot.client.record.MergeStrategy;
import io.github.deepstreamspringboot.client.record.Record;
import io.github.deepstreamspringboot.client.record.RecordChangeListener;
import io.github.deepstreamspringboot.client.record.RecordException;

/**
 * One {@link Record} handle. Reads the shared record state (whose data is never changed in place) from any thread;
 * every change goes through the event loop, and a writer waits (at most {@value #APPLY_TIMEOUT_SECONDS} s, in practice
 * microseconds) until its change is applied locally, so it reads its own writes. Listeners run on their own serial
 * executors.
 */
final class RecordHandle implements Record {

    private static final long APPLY_TIMEOUT_SECONDS = 5;

    private final RecordEngine client;

    private final String name;

    private final CompletableFuture<Record> ready = new CompletableFuture<>();

    private final List<PathListener> listeners = new CopyOnWriteArrayList<>();

    private final List<Listener<Boolean>> providerListeners = new CopyOnWriteArrayList<>();

    private final List<Listener<Void>> deleteListeners = new CopyOnWriteArrayList<>();

    private volatile RecordState state;

    private volatile boolean discarded;

    RecordHandle(RecordEngine client, String name) {
        this.client = client;
        this.name = name;
    }

    void attach(RecordState state) {
        this.state = state;
        if (state.phase != RecordPhase.LOADING) {
            markReady();
        }
    }

    RecordState state() {
        return this.state;
    }

    boolean discarded() {
        return this.discarded;
    }

    CompletableFuture<Record> ready() {
        return this.ready;
    }

    @Override
    public String name() {
        return this.name;
    }

    @Override
    public int version() {
        RecordState current = this.state;
        return (current != null) ? current.version : -1;
    }

    @Override
    public boolean isReady() {
        return this.ready.isDone() && !this.ready.isCompletedExceptionally();
    }

    @Override
    public CompletableFuture<Record> whenReady() {
        return this.ready;
    }

    @Override
    public JsonNode get() {
        RecordState current = this.state;
        return (current != null) ? current.data.deepCopy() : payloads().toJson(java.util.Map.of());
    }

    @Override
    public JsonNode get(String path) {
        JsonNode value = RecordPath.parse(path).get(data());
        return (value != null) ? value.deepCopy() : null;
    }

    @Override
    public <T> T get(Class<T> type) {
        return payloads().fromJson(get(), type);
    }

    @Override
    public <T> T get(String path, Class<T> type) {
        return payloads().fromJson(get(path), type);
    }

    @Override
    public void set(Object value) {
        submitWrite(null, wholeData(value), false, null);
    }

    @Override
    public void set(String path, Object value) {
        RecordPath.parse(path);
        submitWrite(path, payloads().toJson(value), false, null);
    }

    @Override
    public void erase(String path) {
        RecordPath.parse(path);
        submitWrite(path, null, true, null);
    }

    @Override
    public CompletableFuture<Void> setWithAck(Object value) {
        Waiter<Void> waiter = new Waiter<>(this.name);
        submitWrite(null, wholeData(value), false, waiter);
        return observed(waiter.future);
    }

    @Override
    public CompletableFuture<Void> setWithAck(String path, Object value) {
        RecordPath.parse(path);
        Waiter<Void> waiter = new Waiter<>(this.name);
        submitWrite(path, payloads().toJson(value), false, waiter);
        return observed(waiter.future);
    }

    @Override
    public CompletableFuture<Void> eraseWithAck(String path) {
        RecordPath.parse(path);
        Waiter<Void> waiter = new Waiter<>(this.name);
        submitWrite(path, null, true, waiter);
        return observed(waiter.future);
    }

    private CompletableFuture<Void> observed(CompletableFuture<Void> acknowledged) {
        return this.client.context().observations().recordWrite(this.name, acknowledged);
    }

    /** Applies a change to the current data atomically, on the event loop. */
    CompletableFuture<Void> update(UnaryOperator<JsonNode> change) {
        Waiter<Void> waiter = new Waiter<>(this.name);
        if (refusedForBacklog(waiter)) {
            return waiter.future;
        }
        CompletableFuture<Void> applied = new CompletableFuture<>();
        boolean submitted = this.client.connection().execute(() -> {
            try {
                this.client.update(this, change, waiter);
            }
            finally {
                applied.complete(null);
            }
        });
        if (!submitted) {
            waiter.future.completeExceptionally(closed());
        }
        else {
            awaitApplied(applied);
        }
        return waiter.future;
    }

    private JsonNode wholeData(Object value) {
        JsonNode json = payloads().toJson(value);
        if (!json.isContainer()) {
            throw new IllegalArgumentException("A record's data must be an object or an array, not "
                    + json.getNodeType());
        }
        return json;
    }

    private void submitWrite(String path, JsonNode value, boolean erase, Waiter<Void> waiter) {
        if (refusedForBacklog(waiter)) {
            return;
        }
        CompletableFuture<Void> applied = new CompletableFuture<>();
        boolean submitted = this.client.connection().execute(() -> {
            try {
                this.client.write(this, path, value, erase, waiter);
            }
            finally {
                applied.complete(null);
            }
        });
        if (!submitted) {
            if (waiter != null) {
                waiter.future.completeExceptionally(closed());
            }
            return;
        }
        awaitApplied(applied);
    }

    /**
     * A write is refused, before it changes anything, while the client's outgoing backlog is full (a slow or frozen
     * socket), as an emit is: the error listeners hear {@code OFFLINE_QUEUE_FULL}, and an acknowledged write fails.
     */
    private boolean refusedForBacklog(Waiter<Void> waiter) {
        DeepstreamException refused = this.client.connection().checkRoom(Topic.RECORD);
        if (refused != null && waiter != null) {
            waiter.future.completeExceptionally(refused);
        }
        return refused != null;
    }

    /**
     * Waits (briefly: the event loop only applies the change locally) until a write is visible to {@link #get()},
     * so that a caller reads its own writes.
     */
    private void awaitApplied(CompletableFuture<Void> applied) {
        if (this.client.connection().loop().inEventLoop()) {
            return;
        }
        try {
            applied.get(APPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException ex) {
            // the write is still queued on the loop and will be applied; only read-your-writes is delayed
        }
    }

    @Override
    public Subscription subscribe(RecordChangeListener listener) {
        return subscribe(null, listener, false);
    }

    @Override
    public Subscription subscribe(String path, RecordChangeListener listener, boolean triggerNow) {
        Objects.requireNonNull(listener, "'listener' must not be null");
        PathListener entry = new PathListener((path != null) ? RecordPath.parse(path) : null, listener,
                this.client.context().newHandlerExecutor("listener of record '" + this.name + "'"
                        + ((path != null) ? " at '" + path + "'" : "")));
        if (!triggerNow) {
            this.listeners.add(entry);
            return () -> this.listeners.remove(entry);
        }
        // joining and telling the current value is one step on the loop, once ready: a listener that joined earlier
        // would also be told the first load as a change, and so see the loaded value twice
        AtomicBoolean open = new AtomicBoolean(true);
        this.ready.thenRun(() -> this.client.connection().execute(() -> {
            if (open.get()) {
                this.listeners.add(entry);
                entry.deliver(data(), this.client.context(), this.name);
            }
        }));
        return () -> {
            open.set(false);
            this.listeners.remove(entry);
            this.client.connection().execute(() -> this.listeners.remove(entry));
        };
    }

    @Override
    public <T> Subscription subscribe(String path, Class<T> type, Consumer<T> listener, boolean triggerNow) {
        Objects.requireNonNull(listener, "'listener' must not be null");
        return subscribe(path, (value) -> {
            T converted;
            try {
                converted = payloads().fromJson(value, type);
            }
            catch (PayloadConversionException ex) {
                this.client.connection().execute(() -> this.client.connection().reportError(
                        ErrorKind.PAYLOAD_CONVERSION_ERROR, "record '" + this.name + "': " + ex.getMessage(),
                        Topic.RECORD, this.name));
                return;
            }
            listener.accept(converted);
        }, triggerNow);
    }

    @Override
    public boolean hasProvider() {
        RecordState current = this.state;
        return current != null && current.hasProvider;
    }

    @Override
    public Subscription onProviderChanged(Consumer<Boolean> listener) {
        Listener<Boolean> entry = new Listener<>(listener,
                this.client.context().newHandlerExecutor("provider listener of record '" + this.name + "'"));
        this.providerListeners.add(entry);
        return () -> this.providerListeners.remove(entry);
    }

    @Override
    public Subscription onDeleted(Runnable listener) {
        Listener<Void> entry = new Listener<>((ignored) -> listener.run(),
                this.client.context().newHandlerExecutor("delete listener of record '" + this.name + "'"));
        this.deleteListeners.add(entry);
        return () -> this.deleteListeners.remove(entry);
    }

    @Override
    public void setMergeStrategy(MergeStrategy strategy) {
        Objects.requireNonNull(strategy, "'strategy' must not be null");
        this.client.connection().execute(() -> {
            RecordState current = this.state;
            if (current != null) {
                current.strategy = strategy;
            }
        });
    }

    @Override
    public CompletableFuture<Void> delete() {
        Waiter<Void> waiter = new Waiter<>(this.name);
        if (!this.client.connection().execute(() -> this.client.delete(this, waiter))) {
            waiter.future.completeExceptionally(closed());
        }
        return waiter.future;
    }

    @Override
    public void discard() {
        if (!this.discarded) {
            this.discarded = true;
            this.client.connection().execute(() -> this.client.discard(this));
        }
    }

    // ---- called by the record client on the event loop -------------------------------------------------------

    void markReady() {
        this.client.connection().callback(() -> this.ready.complete(this));
    }

    void failReady(Throwable failure) {
        this.client.connection().callback(() -> this.ready.completeExceptionally(failure));
    }

    void changed(JsonNode previous, JsonNode current) {
        if (this.discarded) {
            return;
        }
        for (PathListener listener : this.listeners) {
            JsonNode before = (listener.path() != null) ? listener.path().get(previous) : previous;
            JsonNode after = (listener.path() != null) ? listener.path().get(current) : current;
            if (!Objects.equals(before, after)) {
                listener.deliverValue(after, this.client.context(), this.name);
            }
        }
    }

    void providerChanged(boolean provided) {
        this.providerListeners.forEach((listener) -> listener.deliver(provided));
    }

    void deleted() {
        this.deleteListeners.forEach((listener) -> listener.deliver(null));
        failReady(new RecordException(this.name, RecordException.Reason.DESTROYED,
                "Record '" + this.name + "' was deleted"));
    }

    private JsonNode data() {
        RecordState current = this.state;
        return (current != null) ? current.data : payloads().toJson(java.util.Map.of());
    }

    private Payloads payloads() {
        return this.client.payloads();
    }

    private static io.github.deepstreamspringboot.client.DeepstreamException closed() {
        return new io.github.deepstreamspringboot.client.DeepstreamException(ErrorKind.IS_CLOSED,
                "The client is closed");
    }

    @Override
    public String toString() {
        return "Record[" + this.name + ", v" + version() + "]";
    }

    private record PathListener(RecordPath path, RecordChangeListener listener, SerialExecutor executor) {

        void deliver(JsonNode data, FeatureContext context, String record) {
            deliverValue((this.path != null) ? this.path.get(data) : data, context, record);
        }

        void deliverValue(JsonNode value, FeatureContext context, String record) {
            JsonNode copy = (value != null) ? value.deepCopy() : null;
            context.deliver(this.executor, () -> this.listener.onChange(copy), Topic.RECORD, record);
        }

    }

    private record Listener<T>(Consumer<T> listener, SerialExecutor executor) {

        void deliver(T value) {
            this.executor.execute(() -> this.listener.accept(value));
        }

    }

}
