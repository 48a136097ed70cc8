package io.github.deepstreamspringboot.client.internal.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.DrainResult;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.internal.connection.TopicHandler;
import io.github.deepstreamspringboot.client.internal.listen.ActiveListens;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.RecordAction;
import io.github.deepstreamspringboot.client.record.MergeStrategy;
import io.github.deepstreamspringboot.client.record.RecordException;

/**
 * The state of the open records and the {@link Topic#RECORD} messages: opening, discarding (after the discard
 * timeout), writing with one write in flight per record, deleting, remote writes, refusals, and re-subscribing after
 * each login. Conflicts go to {@link RecordConflicts}, requests without a subscription to {@link RecordRequests}.
 *
 * <p><b>Threads.</b> Event loop only, except {@link #connection()}, {@link #payloads()} and {@link #context()}.
 */
final class RecordEngine implements TopicHandler {

    private final FeatureContext context;

    private final DeepstreamConnection connection;

    private final WriteAcks acks;

    private final RecordFutures futures;

    private final RecordActivity activity;

    private final RecordConflicts conflicts;

    private final RecordRequests requests;

    private final ActiveListens listens;

    private final Map<String, RecordState> records = new LinkedHashMap<>();

    /** Deletes awaited, by record name. */
    private final Map<String, Waiter<Void>> deletes = new HashMap<>();

    RecordEngine(FeatureContext context, RecordActivity activity, Supplier<MergeStrategy> defaultStrategy) {
        this.context = context;
        this.connection = context.connection();
        this.acks = new WriteAcks();
        this.futures = new RecordFutures(this.connection);
        this.activity = activity;
        this.conflicts = new RecordConflicts(context, this.acks, this.futures, activity, defaultStrategy);
        this.requests = new RecordRequests(context, this.acks, this.futures);
        this.listens = new ActiveListens(context, Topic.RECORD, new ActiveListens.Actions(RecordAction.LISTEN,
                RecordAction.UNLISTEN, RecordAction.LISTEN_ACCEPT, RecordAction.LISTEN_REJECT));
    }

    RecordRequests requests() {
        return this.requests;
    }

    ActiveListens listens() {
        return this.listens;
    }

    // ---- open and discard ------------------------------------------------------------------------------------------

    void open(RecordHandle handle) {
        RecordState state = this.records.get(handle.name());
        if (state == null) {
            state = new RecordState(handle.name());
            this.records.put(handle.name(), state);
            this.activity.openRecordsChanged(this.records.size());
            if (this.connection.isOpen()) {
                subscribe(List.of(state));
            }
        }
        else if (state.discardTimer != null) {
            // got again within the discard timeout: still subscribed, nothing to send
            state.discardTimer.cancel();
            state.discardTimer = null;
        }
        state.handles.add(handle);
        handle.attach(state);
    }

    void discard(RecordHandle handle) {
        RecordState state = handle.state();
        if (state == null || !state.handles.remove(handle) || !state.handles.isEmpty()) {
            return;
        }
        Duration timeout = this.connection.options().recordDiscardTimeout();
        if (timeout.isZero() || state.deleted) {
            release(state);
            return;
        }
        state.discardTimer = this.connection.loop().schedule(() -> {
            state.discardTimer = null;
            if (state.handles.isEmpty()) {
                release(state);
            }
        }, timeout);
    }

    private void release(RecordState state) {
        if (this.records.get(state.name) != state) {
            return;
        }
        this.records.remove(state.name);
        this.activity.openRecordsChanged(this.records.size());
        if (this.connection.isOpen() && !state.deleted) {
            // the names array is mandatory: a single "name" crashes the server
            this.connection.sendNow(Message.builder(RecordAction.UNSUBSCRIBE).names(List.of(state.name))
                .correlationId(state.name).build());
        }
    }

    /** The record this client holds under a name (possibly within its discard timeout), or {@code null}. */
    RecordState held(String name) {
        RecordState state = this.records.get(name);
        return (state != null && !state.deleted) ? state : null;
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

    // ---- writes and deletes ----------------------------------------------------------------------------------------

    /** Replaces the data with a function of the current local data (for list edits). */
    void update(RecordHandle handle, UnaryOperator<JsonNode> change, Waiter<Void> waiter) {
        RecordState state = handle.state();
        if (state == null || state.deleted || handle.discarded()) {
            this.futures.fail(waiter, destroyed(handle.name()));
            return;
        }
        if (state.phase == RecordPhase.LOADING) {
            state.beforeReady.add(() -> update(handle, change, waiter));
            return;
        }
        write(state, null, change.apply(state.data.deepCopy()), false, waiter);
    }

    void write(RecordHandle handle, String path, JsonNode value, boolean erase, Waiter<Void> waiter) {
        RecordState state = handle.state();
        if (state == null || handle.discarded()) {
            this.futures.fail(waiter, destroyed(handle.name()));
            return;
        }
        write(state, path, value, erase, waiter);
    }

    /** Applies a write to the local data, and sends it unless a write of the record is in flight. */
    void write(RecordState state, String path, JsonNode value, boolean erase, Waiter<Void> waiter) {
        if (state.deleted) {
            this.futures.fail(waiter, destroyed(state.name));
            return;
        }
        if (state.phase == RecordPhase.LOADING) {
            state.beforeReady.add(() -> write(state, path, value, erase, waiter));
            return;
        }
        RecordPath parsed = (path != null) ? RecordPath.parse(path) : null;
        JsonNode next = (parsed == null) ? value : (erase ? parsed.erase(state.data) : parsed.set(state.data, value));
        if (next.equals(state.data)) {
            this.futures.succeed(waiter);
            return;
        }
        JsonNode previous = state.data;
        state.data = next;
        state.notifyChange(previous);
        if (state.phase != RecordPhase.READY || !this.connection.isOpen() || state.writeInFlight) {
            // kept locally: sent as one write once the write in flight is acknowledged, or reconciled once the
            // record is in step with the server again. One write in flight per record means every write is the
            // server's version + 1 even if one is refused, so no write can leave the record unwritable.
            state.dirty = true;
            if (waiter != null) {
                state.pendingAcks.add(waiter);
                this.futures.armOffline(waiter);
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
        this.acks.expect(correlationId, new WriteAck(state.name, waiter, state, next, state.version));
        if (waiter != null) {
            this.futures.arm(waiter);
        }
        this.connection.sendNow(message.build());
    }

    void delete(RecordHandle handle, Waiter<Void> waiter) {
        RecordState state = handle.state();
        if (state == null || state.deleted) {
            this.futures.fail(waiter, destroyed(handle.name()));
            return;
        }
        if (!this.connection.isOpen()) {
            this.futures.fail(waiter, new RecordException(state.name, RecordException.Reason.OFFLINE,
                    "Deleting record '" + state.name + "' needs a connection"));
            return;
        }
        this.deletes.put(state.name, waiter);
        this.futures.arm(waiter);
        this.connection.sendNow(Message.builder(RecordAction.DELETE).name(state.name)
            .correlationId(this.context.uids().get()).build());
    }

    // ---- incoming --------------------------------------------------------------------------------------------------

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
            case WRITE_ACKNOWLEDGEMENT -> onWriteAcknowledged(message);
            case VERSION_EXISTS -> this.conflicts.onVersionExists(message, state);
            case DELETE_SUCCESS -> {
                this.futures.succeed(this.deletes.remove(message.name()));
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
                    UNLISTEN, MULTIPLE_SUBSCRIPTIONS -> {
                // acknowledgements, whose data or versions come in their own messages; or a record subscribed twice
                // on one socket, which is harmless
            }
            case RECORD_NOT_FOUND -> this.requests.onNotFound(message.name());
            case MESSAGE_DENIED, MESSAGE_PERMISSION_ERROR -> onRefused(message, state,
                    RecordException.Reason.MESSAGE_DENIED, (action == RecordAction.MESSAGE_DENIED)
                            ? ErrorKind.MESSAGE_DENIED : ErrorKind.MESSAGE_PERMISSION_ERROR);
            case RECORD_UPDATE_ERROR, INVALID_VERSION, INVALID_MESSAGE_DATA, RECORD_DELETE_ERROR, RECORD_LOAD_ERROR,
                    RECORD_CREATE_ERROR, CACHE_RETRIEVAL_TIMEOUT, STORAGE_RETRIEVAL_TIMEOUT ->
                onRefused(message, state, RecordException.Reason.UPDATE_ERROR, ErrorKind.RECORD_ERROR);
            default -> this.connection.reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message,
                    Topic.RECORD, message.name());
        }
    }

    private void onWriteAcknowledged(Message message) {
        WriteAck ack = this.acks.take(message.correlationId());
        if (ack != null) {
            ack.stored();
            this.futures.succeed(ack.waiter());
            this.conflicts.sendCoalesced(ack.state());
        }
    }

    private void onRead(Message message, RecordState state) {
        JsonNode data = (message.payload() != null) ? message.payload() : JsonNodeFactory.instance.objectNode();
        int version = (message.version() != null) ? message.version() : -1;
        this.requests.onRead(message.name(), data, version);
        if (state == null || state.deleted) {
            return;
        }
        if (state.phase == RecordPhase.LOADING) {
            JsonNode previous = state.data;
            state.adopt(data, version);
            state.phase = RecordPhase.READY;
            state.notifyChange(previous);
            state.handles.forEach(RecordHandle::markReady);
            List<Runnable> queued = new ArrayList<>(state.beforeReady);
            state.beforeReady.clear();
            queued.forEach(Runnable::run);
        }
        else if (state.phase == RecordPhase.RESYNCING) {
            this.conflicts.reconcile(state, data, version);
        }
    }

    private void onHead(String name, Integer version, RecordState state) {
        this.requests.onHead(name, version);
        if (state == null || state.phase != RecordPhase.RESYNCING || version == null) {
            return;
        }
        this.conflicts.resync(state, version);
    }

    private void onRemoteWrite(Message message, RecordAction action, RecordState state) {
        if (state == null || state.phase != RecordPhase.READY || message.version() == null) {
            // while loading or resyncing, the pending read brings the server's data
            return;
        }
        if (message.version() == state.version + 1) {
            // in step: the server applied every write of ours, then this one
            JsonNode previous = state.data;
            state.adopt((action == RecordAction.UPDATE) ? message.payload() : applyToLocal(state, message),
                    message.version());
            state.notifyChange(previous);
        }
        else if (action == RecordAction.UPDATE && message.payload() != null) {
            // someone else's write overtook ours: merge with its full data, the server's current state
            this.conflicts.merge(state, message.payload(), message.version());
        }
        else {
            state.phase = RecordPhase.RESYNCING;
            this.connection.sendNow(Message.builder(RecordAction.READ).name(state.name).build());
        }
    }

    private static JsonNode applyToLocal(RecordState state, Message message) {
        RecordPath path = RecordPath.parse(message.path());
        return (message.payload() == null) ? path.erase(state.data) : path.set(state.data, message.payload());
    }

    /** A refusal fails the request it answers at once, found by correlation id or by original action and name. */
    private void onRefused(Message message, RecordState state, RecordException.Reason reason, ErrorKind kind) {
        String name = message.name();
        Integer original = message.originalAction();
        String problem = "the server refused an operation on record '" + name + "' (action " + message.action()
                + ", original " + original + ")";
        this.connection.reportError(kind, problem, Topic.RECORD, name);
        RecordException failure = new RecordException(name, reason, problem);
        WriteAck ack = this.acks.take(message.correlationId());
        if (ack != null) {
            this.futures.fail(ack.waiter(), failure);
        }
        if (original == null || original == RecordAction.DELETE.code()) {
            this.futures.fail((name != null) ? this.deletes.remove(name) : null, failure);
        }
        if (original == null || original == RecordAction.READ.code()) {
            this.requests.failReads(name, failure);
        }
        if (original != null && original == RecordAction.HEAD.code()) {
            this.requests.failHeads(name, failure);
        }
        if (original != null && original == RecordAction.LISTEN.code()) {
            this.listens.forget(name);
        }
        if (state != null && original != null && isWrite(original)) {
            // the server did not apply the write: go back to its data rather than build on a refused version
            state.dirty = false;
            state.writeInFlight = false;
            this.futures.settlePending(state, failure);
            state.phase = RecordPhase.RESYNCING;
            this.connection.sendNow(Message.builder(RecordAction.READ).name(state.name).build());
        }
        else if (state != null && state.phase == RecordPhase.LOADING && original != null
                && original == RecordAction.SUBSCRIBECREATEANDREAD.code()) {
            // not subscribed on the server: the handles are unusable, and the name is not subscribed again later
            state.deleted = true;
            this.records.remove(state.name);
            this.activity.openRecordsChanged(this.records.size());
            this.futures.settlePending(state, failure);
            state.handles.forEach((handle) -> handle.failReady(failure));
        }
    }

    private static boolean isWrite(int action) {
        return action == RecordAction.UPDATE.code() || action == RecordAction.PATCH.code()
                || action == RecordAction.ERASE.code();
    }

    private void onDeleted(RecordState state) {
        if (state == null || state.deleted) {
            return;
        }
        state.deleted = true;
        if (state.discardTimer != null) {
            state.discardTimer.cancel();
            state.discardTimer = null;
        }
        this.records.remove(state.name);
        this.activity.openRecordsChanged(this.records.size());
        this.futures.settlePending(state, destroyed(state.name));
        state.handles.forEach(RecordHandle::deleted);
    }

    @Override
    public void onDrain() {
        // records stay subscribed: their writes are part of what a drain finishes
        this.listens.withdrawAll();
    }

    @Override
    public void countPending(Map<DrainResult.Work, Integer> pending) {
        pending.merge(DrainResult.Work.RECORD_WRITES, this.acks.size(), Integer::sum);
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
        for (WriteAck ack : this.acks.takeAll()) {
            RecordState state = ack.state();
            if (state != null && !state.deleted) {
                // maybe stored, maybe not: the reconciliation after the reconnection finds out
                state.dirty = true;
                if (ack.waiter() != null) {
                    RecordFutures.cancel(ack.waiter());
                    state.pendingAcks.add(ack.waiter());
                }
            }
            else {
                this.futures.fail(ack.waiter(), new RecordException(ack.name(), RecordException.Reason.OFFLINE,
                        "the connection was lost before the write was acknowledged"));
            }
        }
        this.requests.onConnectionLost();
        DeepstreamException lost = new DeepstreamException(ErrorKind.CONNECTION_ERROR,
                "The connection was lost before the server answered");
        this.deletes.values().forEach((waiter) -> this.futures.fail(waiter, lost));
        this.deletes.clear();
        for (RecordState state : this.records.values()) {
            state.writeInFlight = false;
            if (state.phase == RecordPhase.RESYNCING) {
                state.phase = RecordPhase.READY;
            }
        }
    }

    // ---- for handles -----------------------------------------------------------------------------------------------

    DeepstreamConnection connection() {
        return this.connection;
    }

    Payloads payloads() {
        return this.context.payloads();
    }

    FeatureContext context() {
        return this.context;
    }

    private static RecordException destroyed(String name) {
        return new RecordException(name, RecordException.Reason.DESTROYED, "Record '" + name
                + "' was deleted or discarded");
    }

}
