package io.github.deepstreamspringboot.client.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Payloads;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.connection.FeatureContext;
import io.github.deepstreamspringboot.client.connection.TopicHandler;
import io.github.deepstreamspringboot.client.listen.ActiveListens;
import io.github.deepstreamspringboot.client.listen.ListenHandler;
import io.github.deepstreamspringboot.client.protocol.Message;
import io.github.deepstreamspringboot.client.protocol.RecordAction;
import io.github.deepstreamspringboot.client.protocol.Topic;

/**
 * deepstream records: {@link #getRecord open} synced records and {@link #getList lists}, and read or write records
 * without subscribing ({@link #snapshot}, {@link #has}, {@link #head}, {@link #setData}).
 *
 * <p><b>Versions.</b> Every write goes out as the server's version + 1, never higher (a version above current + 1
 * leaves the record unwritable on deepstream 7.0.2): each record has at most one write in flight, and the changes
 * made while it is in flight go out together, as one write, when it is acknowledged. A remote update that does not follow the local version, a write that
 * lost to another ({@code VERSION_EXISTS}), and a record edited while offline are resolved with the record's
 * {@link MergeStrategy}: the merged data is adopted and, if it differs from the server's, written back as the next
 * version. A write the server refused (permissions, update error) is reverted to the server's data.
 *
 * <p><b>Reconnection.</b> Every open record is subscribed again in one bulk message after the re-login. A record
 * without local changes compares versions and adopts the server's data if it changed. A record edited offline is read
 * and reconciled: if the server still has what this client last saw, the local data is written; if the server already
 * has the local data, it is adopted; otherwise the merge strategy decides. Writes made offline are thus never
 * dropped silently: with {@link MergeStrategy#REMOTE_WINS} they are discarded as conflicts, and their acknowledged
 * writes fail with {@link RecordException.Reason#VERSION_CONFLICT}.
 *
 * <p><b>Threads.</b> Public methods may be called from any thread; all record state lives on the event loop.
 */
public final class RecordClient implements TopicHandler {

    private final FeatureContext context;

    private final DeepstreamConnection connection;

    private final Payloads payloads;

    private final List<RecordListener> listeners = new CopyOnWriteArrayList<>();

    private volatile MergeStrategy defaultStrategy;

    private final ActiveListens listens;

    // ---- confined to the event loop --------------------------------------------------------------------------------

    private final Map<String, RecordState> records = new LinkedHashMap<>();

    /** Write acknowledgements awaited, by correlation id. */
    private final Map<String, Ack> acks = new HashMap<>();

    /** Snapshot reads awaited, by record name (READ answers carry no correlation id). */
    private final Map<String, List<Waiter<JsonNode>>> snapshots = new HashMap<>();

    /** HEAD answers awaited, by record name. */
    private final Map<String, List<Waiter<Integer>>> heads = new HashMap<>();

    /** Deletes awaited, by record name. */
    private final Map<String, Waiter<Void>> deletes = new HashMap<>();

    /**
     * Creates the record client of a connection and registers it for the {@link Topic#RECORD} topic.
     * @param context the client's feature context
     */
    public RecordClient(FeatureContext context) {
        this.context = context;
        this.connection = context.connection();
        this.payloads = context.payloads();
        this.defaultStrategy = this.connection.options().mergeStrategy();
        this.listens = new ActiveListens(context, Topic.RECORD, new ActiveListens.Actions(RecordAction.LISTEN,
                RecordAction.UNLISTEN, RecordAction.LISTEN_ACCEPT, RecordAction.LISTEN_REJECT));
        this.connection.setTopicHandler(Topic.RECORD, this);
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
        RecordHandle handle = new RecordHandle(this, name);
        if (!this.connection.execute(() -> open(handle))) {
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
        Waiter<JsonNode> waiter = new Waiter<>(name);
        request(Message.builder(RecordAction.READ).name(name).build(), waiter,
                () -> this.snapshots.computeIfAbsent(name, (key) -> new ArrayList<>()).add(waiter));
        return waiter.future;
    }

    /**
     * Reads a record's version without subscribing.
     * @param name the record
     * @return its version; {@code -1} if it does not exist
     */
    public CompletableFuture<Integer> head(String name) {
        requireName(name);
        Waiter<Integer> waiter = new Waiter<>(name);
        request(Message.builder(RecordAction.HEAD).name(name).build(), waiter,
                () -> this.heads.computeIfAbsent(name, (key) -> new ArrayList<>()).add(waiter));
        return waiter.future;
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
     * Creates or replaces a record's data without subscribing (the server assigns the version).
     * @param name the record
     * @param value the data (an object or array)
     * @return completes when the write was sent
     */
    public CompletableFuture<Void> setData(String name, Object value) {
        return writeData(name, null, value, false);
    }

    /**
     * Creates a record or sets one path of it, without subscribing.
     * @param name the record
     * @param path the path
     * @param value the value
     * @return completes when the write was sent
     */
    public CompletableFuture<Void> setData(String name, String path, Object value) {
        RecordPath.parse(path);
        return writeData(name, path, value, false);
    }

    /**
     * Like {@link #setData(String, Object)}, and completes when the server has stored the write.
     * @param name the record
     * @param value the data
     * @return completes when stored; fails with a {@link RecordException}
     */
    public CompletableFuture<Void> setDataWithAck(String name, Object value) {
        return writeData(name, null, value, true);
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
        return writeData(name, path, value, true);
    }

    /**
     * Listens for subscriptions to records matching a pattern, to provide them actively (subscribers see
     * {@link Record#hasProvider()} while a listener accepted).
     * @param pattern a regular expression, as the server evaluates it
     * @param handler told about matching record names
     * @return a handle that stops listening
     */
    public Subscription listen(String pattern, ListenHandler handler) {
        return this.listens.listen(pattern, handler);
    }

    /**
     * Stops listening to a pattern.
     * @param pattern the pattern
     */
    public void unlisten(String pattern) {
        this.listens.unlisten(pattern);
    }

    /**
     * Registers a listener for record activity (for metrics); it is told the number of open records at once.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addRecordListener(RecordListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
        // records opened before the listener came (e.g. in bean constructors) count too
        this.connection.execute(() -> {
            int open = this.openCount;
            this.connection.callback(() -> listener.onOpenRecordsChanged(open));
        });
        return () -> this.listeners.remove(listener);
    }

    private void notifyListeners(java.util.function.Consumer<RecordListener> call) {
        this.connection.callback(() -> this.listeners.forEach(call));
    }

    private void openRecordsChanged() {
        this.openCount = this.records.size();
        int open = this.openCount;
        notifyListeners((listener) -> listener.onOpenRecordsChanged(open));
    }

    /**
     * Returns the number of records open on this client (distinct names).
     * @return the number
     */
    public int openRecords() {
        return this.openCount;
    }

    private volatile int openCount;

    // ---- requests without subscription ---------------------------------------------------------------------------------

    private CompletableFuture<Void> writeData(String name, String path, Object value, boolean acknowledged) {
        requireName(name);
        JsonNode json = this.payloads.toJson(value);
        Message.Builder message = Message.builder((path != null) ? RecordAction.CREATEANDPATCH
                : RecordAction.CREATEANDUPDATE).name(name).path(path).version(-1).payload(json);
        if (!acknowledged) {
            return this.connection.send(message.build());
        }
        String correlationId = this.context.uids().get();
        Waiter<Void> waiter = new Waiter<>(name);
        request(message.writeAck(true).correlationId(correlationId).build(), waiter,
                () -> this.acks.put(correlationId, new Ack(waiter, null, null, -1, this.connection.loop().now())));
        return waiter.future;
    }

    /** Sends through the offline queue; the waiter is registered and its deadline armed once the message is written. */
    private <T> void request(Message message, Waiter<T> waiter, Runnable register) {
        this.connection.send(message, () -> {
            register.run();
            arm(waiter);
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                waiter.future.completeExceptionally(failure);
            }
        });
    }

    private void arm(Waiter<?> waiter) {
        Duration timeout = this.connection.options().requestTimeout();
        waiter.timer = this.connection.loop().schedule(() -> {
            if (!waiter.future.isDone()) {
                String problem = "no answer for record '" + waiter.name + "' within " + timeout;
                this.connection.reportError(ErrorKind.ACK_TIMEOUT, problem, Topic.RECORD, waiter.name);
                fail(waiter, new RecordException(waiter.name, RecordException.Reason.TIMEOUT, problem));
            }
        }, timeout);
    }

    // ---- records (event loop) ----------------------------------------------------------------------------------------

    private void open(RecordHandle handle) {
        RecordState state = this.records.get(handle.name());
        if (state == null) {
            state = new RecordState(handle.name());
            this.records.put(handle.name(), state);
            openRecordsChanged();
            if (this.connection.isOpen()) {
                subscribe(List.of(state));
            }
        }
        state.handles.add(handle);
        handle.attach(state);
    }

    void discard(RecordHandle handle) {
        RecordState state = handle.state();
        if (state == null || !state.handles.remove(handle) || !state.handles.isEmpty()) {
            return;
        }
        this.records.remove(state.name);
        openRecordsChanged();
        if (this.connection.isOpen() && !state.deleted) {
            // the names array is mandatory: a single "name" crashes the server
            this.connection.sendNow(Message.builder(RecordAction.UNSUBSCRIBE).names(List.of(state.name))
                .correlationId(state.name).build());
        }
    }

    private void subscribe(List<RecordState> states) {
        List<String> fresh = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (RecordState state : states) {
            if (state.phase == RecordPhase.LOADING) {
                fresh.add(state.name);
            }
            else {
                known.add(state.name);
                state.phase = RecordPhase.RESYNCING;
            }
        }
        if (!fresh.isEmpty()) {
            this.connection.sendNow(Message.builder(RecordAction.SUBSCRIBECREATEANDREAD).names(fresh)
                .correlationId(this.context.uids().get()).build());
        }
        if (!known.isEmpty()) {
            this.connection.sendNow(Message.builder(RecordAction.SUBSCRIBEANDHEAD).names(known)
                .correlationId(this.context.uids().get()).build());
        }
    }

    /** Replaces the data with a function of the current local data (for list edits). Event loop only. */
    void update(RecordHandle handle, java.util.function.UnaryOperator<JsonNode> change, Waiter<Void> waiter) {
        RecordState state = handle.state();
        if (state == null || state.deleted || handle.discarded()) {
            fail(waiter, destroyed(handle.name()));
            return;
        }
        if (state.phase == RecordPhase.LOADING) {
            state.beforeReady.add(() -> update(handle, change, waiter));
            return;
        }
        write(handle, null, change.apply(state.data.deepCopy()), false, waiter);
    }

    void write(RecordHandle handle, String path, JsonNode value, boolean erase, Waiter<Void> waiter) {
        RecordState state = handle.state();
        if (state == null || state.deleted || handle.discarded()) {
            fail(waiter, destroyed(handle.name()));
            return;
        }
        if (state.phase == RecordPhase.LOADING) {
            state.beforeReady.add(() -> write(handle, path, value, erase, waiter));
            return;
        }
        RecordPath parsed = (path != null) ? RecordPath.parse(path) : null;
        JsonNode next = (parsed == null) ? value : (erase ? parsed.erase(state.data) : parsed.set(state.data, value));
        if (next.equals(state.data)) {
            succeed(waiter);
            return;
        }
        JsonNode previous = state.data;
        state.data = next;
        notifyChange(state, previous);
        if (state.phase != RecordPhase.READY || !this.connection.isOpen() || state.writeInFlight) {
            // kept locally: sent as one write once the write in flight is acknowledged, or reconciled once the
            // record is in step with the server again. One write in flight per record means every write is the
            // server's version + 1 even if one is refused, so no write can leave the record unwritable.
            state.dirty = true;
            if (waiter != null) {
                state.pendingAcks.add(waiter);
                armOffline(waiter);
            }
            return;
        }
        state.writeInFlight = true;
        state.version++;
        Message.Builder message;
        if (parsed == null) {
            message = Message.builder(RecordAction.UPDATE).payload(next);
        }
        else if (erase) {
            message = Message.builder(RecordAction.ERASE).path(path);
        }
        else {
            message = Message.builder(RecordAction.PATCH).path(path).payload(value);
        }
        // every write asks for an acknowledgement, so that the client knows what the server holds
        String correlationId = this.context.uids().get();
        message.name(state.name).version(state.version).writeAck(true).correlationId(correlationId);
        this.acks.put(correlationId, new Ack(waiter, state, next, state.version, this.connection.loop().now()));
        if (waiter != null) {
            arm(waiter);
        }
        this.connection.sendNow(message.build());
    }

    private void armOffline(Waiter<Void> waiter) {
        Duration maxAge = this.connection.options().offlineQueueMaxAge();
        waiter.timer = this.connection.loop().schedule(() -> {
            if (!waiter.future.isDone()) {
                fail(waiter, new RecordException(waiter.name, RecordException.Reason.TIMEOUT,
                        "record '" + waiter.name + "' was not back in step with the server within " + maxAge
                                + "; the change is kept locally"));
            }
        }, maxAge);
    }

    void delete(RecordHandle handle, Waiter<Void> waiter) {
        RecordState state = handle.state();
        if (state == null || state.deleted) {
            fail(waiter, destroyed(handle.name()));
            return;
        }
        if (!this.connection.isOpen()) {
            fail(waiter, new RecordException(state.name, RecordException.Reason.OFFLINE,
                    "Deleting record '" + state.name + "' needs a connection"));
            return;
        }
        this.deletes.put(state.name, waiter);
        arm(waiter);
        this.connection.sendNow(Message.builder(RecordAction.DELETE).name(state.name)
            .correlationId(this.context.uids().get()).build());
    }

    // ---- incoming (event loop) --------------------------------------------------------------------------------------

    @Override
    public void onMessage(Message message) {
        RecordAction action = RecordAction.of(message.action());
        if (action == null) {
            this.connection.reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message, Topic.RECORD,
                    message.name());
            return;
        }
        RecordState state = (message.name() != null) ? this.records.get(message.name()) : null;
        switch (action) {
            case READ_RESPONSE -> onRead(message, state);
            case HEAD_RESPONSE -> onHead(message.name(), message.version(), state);
            case HEAD_RESPONSE_BULK -> {
                if (message.versions() != null) {
                    message.versions().forEach((name, version) -> onHead(name, version, this.records.get(name)));
                }
            }
            case UPDATE, PATCH -> onRemoteWrite(message, action, state);
            case WRITE_ACKNOWLEDGEMENT -> {
                Ack ack = this.acks.remove(message.correlationId());
                if (ack != null) {
                    ack.stored();
                    succeed(ack.waiter());
                    sendCoalesced(ack.state());
                    Duration latency = Duration.between(ack.sent(), this.connection.loop().now());
                    notifyListeners((listener) -> listener.onWriteAcknowledged(latency));
                }
            }
            case VERSION_EXISTS -> onVersionExists(message, state);
            case DELETE_SUCCESS -> {
                Waiter<Void> waiter = this.deletes.remove(message.name());
                if (waiter != null) {
                    succeed(waiter);
                }
                onDeleted(state);
            }
            case DELETED -> onDeleted(state);
            case SUBSCRIPTION_HAS_PROVIDER, SUBSCRIPTION_HAS_NO_PROVIDER -> {
                if (state != null) {
                    state.hasProvider = action == RecordAction.SUBSCRIPTION_HAS_PROVIDER;
                    boolean provided = state.hasProvider;
                    state.handles.forEach((handle) -> handle.providerChanged(provided));
                }
            }
            case SUBSCRIPTION_FOR_PATTERN_FOUND -> this.listens.onFound(message);
            case SUBSCRIPTION_FOR_PATTERN_REMOVED -> this.listens.onRemoved(message);
            case INVALID_LISTEN_REGEX -> {
                this.listens.forget(message.name());
                this.connection.reportError(ErrorKind.INVALID_LISTEN_REGEX, "the server refused the listen pattern '"
                        + message.name() + "'", Topic.RECORD, message.name());
            }
            case LISTEN_RESPONSE_TIMEOUT -> this.connection.reportError(ErrorKind.LISTEN_RESPONSE_TIMEOUT,
                    "no listen answer in time for '" + message.subscription() + "'", Topic.RECORD,
                    message.subscription());
            case SUBSCRIBECREATEANDREAD, SUBSCRIBEANDHEAD, SUBSCRIBEANDREAD, SUBSCRIBE, UNSUBSCRIBE, NOTIFY, LISTEN,
                    UNLISTEN -> {
                // acknowledgements: the data or versions come in their own messages
            }
            case RECORD_NOT_FOUND -> failSnapshots(message.name(), RecordException.Reason.NOT_FOUND,
                    "record '" + message.name() + "' does not exist");
            case MESSAGE_DENIED, MESSAGE_PERMISSION_ERROR -> onRefused(message, state,
                    RecordException.Reason.MESSAGE_DENIED, (action == RecordAction.MESSAGE_DENIED)
                            ? ErrorKind.MESSAGE_DENIED : ErrorKind.MESSAGE_PERMISSION_ERROR);
            case RECORD_UPDATE_ERROR, INVALID_VERSION, INVALID_MESSAGE_DATA, RECORD_DELETE_ERROR, RECORD_LOAD_ERROR,
                    RECORD_CREATE_ERROR, CACHE_RETRIEVAL_TIMEOUT, STORAGE_RETRIEVAL_TIMEOUT ->
                onRefused(message, state, RecordException.Reason.UPDATE_ERROR, ErrorKind.RECORD_ERROR);
            case MULTIPLE_SUBSCRIPTIONS -> {
                // a record subscribed twice on one socket: harmless, the data comes anyway
            }
            default -> this.connection.reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message,
                    Topic.RECORD, message.name());
        }
    }

    private void onRead(Message message, RecordState state) {
        JsonNode data = (message.payload() != null) ? message.payload() : JsonNodeFactory.instance.objectNode();
        int version = (message.version() != null) ? message.version() : -1;
        List<Waiter<JsonNode>> waiting = this.snapshots.remove(message.name());
        if (waiting != null) {
            if (version == -1) {
                waiting.forEach((waiter) -> fail(waiter, new RecordException(waiter.name,
                        RecordException.Reason.NOT_FOUND, "record '" + waiter.name + "' does not exist")));
            }
            else {
                waiting.forEach((waiter) -> succeed(waiter, data));
            }
        }
        if (state == null || state.deleted) {
            return;
        }
        if (state.phase == RecordPhase.LOADING) {
            JsonNode previous = state.data;
            adopt(state, data, version);
            state.phase = RecordPhase.READY;
            notifyChange(state, previous);
            state.handles.forEach(RecordHandle::markReady);
            List<Runnable> queued = new ArrayList<>(state.beforeReady);
            state.beforeReady.clear();
            queued.forEach(Runnable::run);
        }
        else if (state.phase == RecordPhase.RESYNCING) {
            reconcile(state, data, version);
        }
    }

    private void onHead(String name, Integer version, RecordState state) {
        List<Waiter<Integer>> waiting = this.heads.remove(name);
        if (waiting != null) {
            waiting.forEach((waiter) -> succeed(waiter, version));
        }
        if (state == null || state.phase != RecordPhase.RESYNCING || version == null) {
            return;
        }
        if (version == -1) {
            // gone while this client was away: deleted, or a server without storage restarted. Keep the data this
            // client holds alive, as deepstream's own client does, and learn the version it gets.
            String correlationId = this.context.uids().get();
            Waiter<Void> recreated = new Waiter<>(name);
            recreated.future.whenComplete((ignored, failure) -> this.connection.execute(
                    () -> this.connection.sendNow(Message.builder(RecordAction.READ).name(name).build())));
            this.acks.put(correlationId, new Ack(recreated, null, null, -1, this.connection.loop().now()));
            state.serverData = state.data;
            this.connection.sendNow(Message.builder(RecordAction.CREATEANDUPDATE).name(name).version(-1)
                .payload(state.data).writeAck(true).correlationId(correlationId).build());
        }
        else if (version == state.serverVersion && !state.dirty) {
            state.phase = RecordPhase.READY;
        }
        else {
            this.connection.sendNow(Message.builder(RecordAction.READ).name(name).build());
        }
    }

    private void onRemoteWrite(Message message, RecordAction action, RecordState state) {
        if (state == null || state.phase != RecordPhase.READY || message.version() == null) {
            // while loading or resyncing, the pending read brings the server's data
            return;
        }
        if (message.version() == state.version + 1) {
            // in step: the server applied every write of ours, then this one
            JsonNode previous = state.data;
            adopt(state, (action == RecordAction.UPDATE) ? message.payload() : applyToLocal(state, message),
                    message.version());
            notifyChange(state, previous);
        }
        else if (action == RecordAction.UPDATE && message.payload() != null) {
            // someone else's write overtook ours: merge with its full data, the server's current state
            merge(state, message.payload(), message.version());
        }
        else {
            state.phase = RecordPhase.RESYNCING;
            this.connection.sendNow(Message.builder(RecordAction.READ).name(state.name).build());
        }
    }

    private JsonNode applyToLocal(RecordState state, Message message) {
        RecordPath path = RecordPath.parse(message.path());
        return (message.payload() == null) ? path.erase(state.data) : path.set(state.data, message.payload());
    }

    /** After a write was acknowledged: sends the changes made meanwhile as one write. */
    private void sendCoalesced(RecordState state) {
        if (state == null || state.deleted) {
            return;
        }
        state.writeInFlight = false;
        if (state.dirty && state.phase == RecordPhase.READY && this.connection.isOpen()) {
            writeBack(state, state.serverData, state.serverVersion, state.data);
        }
    }

    private void onVersionExists(Message message, RecordState state) {
        Ack ack = (message.correlationId() != null) ? this.acks.remove(message.correlationId()) : null;
        Waiter<Void> waiter = (ack != null) ? ack.waiter() : null;
        if (state == null || state.deleted) {
            if (waiter != null) {
                fail(waiter, new RecordException(message.name(), RecordException.Reason.VERSION_CONFLICT,
                        "write to '" + message.name() + "' lost to another"));
            }
            return;
        }
        if (message.version() != null && message.payload() != null && message.version() <= state.serverVersion
                && message.payload().equals(state.serverData)) {
            // news this client already merged (the overtaking write arrived first): settle the lost write by the
            // outcome of that merge
            Waiter<Void> writeBack = state.writeBack;
            if (waiter != null && writeBack != null && !writeBack.future.isDone()) {
                // the local data won and is on its way: this write succeeds or fails with it
                writeBack.future.whenComplete((ignored, failure) -> this.connection.execute(() -> {
                    if (failure != null) {
                        fail(waiter, failure);
                    }
                    else {
                        succeed(waiter);
                    }
                }));
            }
            else if (waiter != null) {
                fail(waiter, new RecordException(state.name, RecordException.Reason.VERSION_CONFLICT,
                        "write to '" + state.name + "' lost a conflict; the server's data was kept"));
            }
            return;
        }
        if (waiter != null) {
            state.pendingAcks.add(waiter);
        }
        state.writeInFlight = false;
        // the lost write's change is still in the local data: it counts as a local change until merged
        state.dirty = true;
        if (state.phase == RecordPhase.READY && message.version() != null && message.payload() != null) {
            merge(state, message.payload(), message.version());
        }
    }

    /** After a reconnection or a resync read: brings the record in step with the server's data and version. */
    private void reconcile(RecordState state, JsonNode remote, int remoteVersion) {
        if (remote.equals(state.data)) {
            // the server has exactly the local data (the local changes got through before the connection dropped)
            adopt(state, remote, remoteVersion);
            state.phase = RecordPhase.READY;
            succeedPending(state);
        }
        else if (!state.dirty && state.pendingAcks.isEmpty()) {
            JsonNode previous = state.data;
            adopt(state, remote, remoteVersion);
            state.phase = RecordPhase.READY;
            notifyChange(state, previous);
        }
        else if (remote.equals(state.serverData)) {
            // nobody else wrote meanwhile (versions may differ after a server restart): the local changes go out now
            state.phase = RecordPhase.READY;
            writeBack(state, remote, remoteVersion, state.data);
        }
        else {
            merge(state, remote, remoteVersion);
        }
    }

    private void merge(RecordState state, JsonNode remote, int remoteVersion) {
        state.writeInFlight = false;
        // writes of ours still in flight with a version the server gave to another write cannot be stored as sent:
        // they are settled by this merge
        this.acks.values().removeIf((ack) -> {
            if (ack.state() == state && ack.version() <= remoteVersion) {
                if (ack.waiter() != null) {
                    cancel(ack.waiter());
                    state.pendingAcks.add(ack.waiter());
                }
                return true;
            }
            return false;
        });
        MergeStrategy strategy = (state.strategy != null) ? state.strategy : this.defaultStrategy;
        JsonNode local = state.data;
        JsonNode merged;
        try {
            merged = strategy.merge(local.deepCopy(), state.version, remote.deepCopy(), remoteVersion);
        }
        catch (RuntimeException ex) {
            this.connection.reportError(ErrorKind.HANDLER_ERROR, "merge strategy of record '" + state.name
                    + "' failed (" + ex + "); keeping the server's data", Topic.RECORD, state.name);
            merged = remote;
        }
        if (merged == null || !merged.isContainer()) {
            merged = remote;
        }
        state.phase = RecordPhase.READY;
        boolean remoteWon = merged.equals(remote);
        String outcome = remoteWon ? "the server's data was kept" : "the merged data was written back";
        this.connection.reportError(ErrorKind.VERSION_EXISTS, "conflict on record '" + state.name + "' (local v"
                + state.version + ", server v" + remoteVersion + "): " + outcome, Topic.RECORD, state.name);
        notifyListeners((listener) -> listener.onConflict(remoteWon ? "remote" : "merged"));
        if (remoteWon) {
            JsonNode previous = state.data;
            state.dirty = false;
            adopt(state, remote, remoteVersion);
            notifyChange(state, previous);
            failPending(state, local.equals(remote) ? null : new RecordException(state.name,
                    RecordException.Reason.VERSION_CONFLICT, "write to '" + state.name
                            + "' lost a conflict; the server's data was kept"));
        }
        else {
            JsonNode previous = state.data;
            state.data = merged;
            notifyChange(state, previous);
            writeBack(state, remote, remoteVersion, merged);
        }
    }

    /** Writes the data as the version after the server's, acknowledged for the writes that wait for it. */
    private void writeBack(RecordState state, JsonNode serverData, int serverVersion, JsonNode data) {
        state.serverData = serverData;
        state.serverVersion = serverVersion;
        state.version = serverVersion + 1;
        state.dirty = false;
        String correlationId = this.context.uids().get();
        List<Waiter<Void>> waiting = new ArrayList<>(state.pendingAcks);
        state.pendingAcks.clear();
        Waiter<Void> combined = new Waiter<>(state.name);
        combined.future.whenComplete((ignored, failure) -> waiting.forEach((waiter) -> {
            if (failure != null) {
                fail(waiter, failure);
            }
            else {
                succeed(waiter);
            }
        }));
        this.acks.put(correlationId, new Ack(combined, state, data, state.version, this.connection.loop().now()));
        state.writeBack = combined;
        state.writeInFlight = true;
        arm(combined);
        this.connection.sendNow(Message.builder(RecordAction.UPDATE).name(state.name).version(state.version)
            .payload(data).writeAck(true).correlationId(correlationId).build());
    }

    private void onRefused(Message message, RecordState state, RecordException.Reason reason, ErrorKind kind) {
        String name = message.name();
        String problem = "the server refused an operation on record '" + name + "' (action " + message.action()
                + ", original " + message.originalAction() + ")";
        this.connection.reportError(kind, problem, Topic.RECORD, name);
        RecordException failure = new RecordException(name, reason, problem);
        if (message.correlationId() != null) {
            Ack ack = this.acks.remove(message.correlationId());
            if (ack != null) {
                fail(ack.waiter(), failure);
            }
        }
        Waiter<Void> deleting = (name != null) ? this.deletes.remove(name) : null;
        if (deleting != null) {
            fail(deleting, failure);
        }
        failSnapshots(name, reason, problem);
        Integer original = message.originalAction();
        if (state != null && original != null && isWrite(original)) {
            // the server did not apply the write: go back to its data rather than build on a refused version
            state.dirty = false;
            state.writeInFlight = false;
            failPending(state, failure);
            state.phase = RecordPhase.RESYNCING;
            this.connection.sendNow(Message.builder(RecordAction.READ).name(state.name).build());
        }
        else if (state != null && state.phase == RecordPhase.LOADING && original != null
                && original == RecordAction.SUBSCRIBECREATEANDREAD.code()) {
            state.handles.forEach((handle) -> handle.failReady(failure));
        }
    }

    private static boolean isWrite(int action) {
        return action == RecordAction.UPDATE.code() || action == RecordAction.PATCH.code()
                || action == RecordAction.ERASE.code();
    }

    private void failSnapshots(String name, RecordException.Reason reason, String problem) {
        if (name == null) {
            return;
        }
        List<Waiter<JsonNode>> snapshotWaiters = this.snapshots.remove(name);
        if (snapshotWaiters != null) {
            snapshotWaiters.forEach((waiter) -> fail(waiter, new RecordException(name, reason, problem)));
        }
    }

    private void onDeleted(RecordState state) {
        if (state == null || state.deleted) {
            return;
        }
        state.deleted = true;
        this.records.remove(state.name);
        openRecordsChanged();
        failPending(state, destroyed(state.name));
        state.handles.forEach(RecordHandle::deleted);
    }

    @Override
    public void onLoggedIn() {
        if (!this.records.isEmpty()) {
            subscribe(new ArrayList<>(this.records.values()));
        }
        this.listens.restore();
    }

    @Override
    public void onConnectionLost() {
        // requests the server will never answer: writes stay in the local data (dirty) and are reconciled later
        for (Ack ack : this.acks.values()) {
            RecordState state = ack.state();
            if (state != null && !state.deleted) {
                // maybe stored, maybe not: the reconciliation after the reconnection finds out
                state.dirty = true;
                if (ack.waiter() != null) {
                    cancel(ack.waiter());
                    state.pendingAcks.add(ack.waiter());
                }
            }
            else if (ack.waiter() != null) {
                fail(ack.waiter(), new RecordException(ack.waiter().name, RecordException.Reason.OFFLINE,
                        "the connection was lost before the write was acknowledged"));
            }
        }
        this.acks.clear();
        DeepstreamException lost = new DeepstreamException(ErrorKind.CONNECTION_ERROR,
                "The connection was lost before the server answered");
        this.snapshots.values().forEach((waiters) -> waiters.forEach((waiter) -> fail(waiter, lost)));
        this.snapshots.clear();
        this.heads.values().forEach((waiters) -> waiters.forEach((waiter) -> fail(waiter, lost)));
        this.heads.clear();
        this.deletes.values().forEach((waiter) -> fail(waiter, lost));
        this.deletes.clear();
        for (RecordState state : this.records.values()) {
            state.writeInFlight = false;
            if (state.phase == RecordPhase.RESYNCING) {
                state.phase = RecordPhase.READY;
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private void adopt(RecordState state, JsonNode data, int version) {
        state.data = data;
        state.serverData = data;
        state.version = version;
        state.serverVersion = version;
    }

    private void notifyChange(RecordState state, JsonNode previous) {
        if (!previous.equals(state.data)) {
            JsonNode current = state.data;
            state.handles.forEach((handle) -> handle.changed(previous, current));
        }
    }

    private void succeedPending(RecordState state) {
        List<Waiter<Void>> waiting = new ArrayList<>(state.pendingAcks);
        state.pendingAcks.clear();
        state.dirty = false;
        waiting.forEach(this::succeed);
    }

    private void failPending(RecordState state, Throwable failure) {
        List<Waiter<Void>> waiting = new ArrayList<>(state.pendingAcks);
        state.pendingAcks.clear();
        waiting.forEach((waiter) -> {
            if (failure == null) {
                succeed(waiter);
            }
            else {
                fail(waiter, failure);
            }
        });
    }

    private void succeed(Waiter<Void> waiter) {
        succeed(waiter, null);
    }

    private <T> void succeed(Waiter<T> waiter, T value) {
        if (waiter != null) {
            cancel(waiter);
            this.connection.callback(() -> waiter.future.complete(value));
        }
    }

    private void fail(Waiter<?> waiter, Throwable failure) {
        if (waiter != null) {
            cancel(waiter);
            this.connection.callback(() -> waiter.future.completeExceptionally(failure));
        }
    }

    private static void cancel(Waiter<?> waiter) {
        if (waiter.timer != null) {
            waiter.timer.cancel();
        }
    }

    DeepstreamConnection connection() {
        return this.connection;
    }

    Payloads payloads() {
        return this.payloads;
    }

    FeatureContext context() {
        return this.context;
    }

    private static RecordException destroyed(String name) {
        return new RecordException(name, RecordException.Reason.DESTROYED, "Record '" + name
                + "' was deleted or discarded");
    }

    private static DeepstreamException closed() {
        return new DeepstreamException(ErrorKind.IS_CLOSED, "The client is closed");
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("'name' must not be empty");
        }
    }

    /**
     * A write waiting for its acknowledgement.
     * @param waiter the caller's future, or {@code null} if nobody waits for it
     * @param state the record written, or {@code null} for a write without subscription
     * @param data the data the record has once this write is stored
     * @param version the version it has then
     * @param sent when the write was sent
     */
    private record Ack(Waiter<Void> waiter, RecordState state, JsonNode data, int version, java.time.Instant sent) {

        void stored() {
            if (this.state != null && this.version > this.state.serverVersion) {
                this.state.serverData = this.data;
                this.state.serverVersion = this.version;
            }
        }

    }

}
