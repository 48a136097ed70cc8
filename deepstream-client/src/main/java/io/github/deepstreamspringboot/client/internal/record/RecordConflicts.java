package io.github.deepstreamspringboot.client.internal.record;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.RecordAction;
import io.github.deepstreamspringboot.client.record.MergeStrategy;
import io.github.deepstreamspringboot.client.record.RecordException;

/**
 * Brings a record that drifted from the server back in step: writes that lost to another ({@code VERSION_EXISTS}),
 * remote writes that overtook ours, records edited offline, and the changes made while a write was in flight. The
 * {@link MergeStrategy} decides what data wins; merged data that differs from the server's is written back as the
 * version after the server's.
 *
 * <p><b>Threads.</b> Event loop only.
 */
final class RecordConflicts {

    private final DeepstreamConnection connection;

    private final FeatureContext context;

    private final WriteAcks acks;

    private final RecordFutures futures;

    private final RecordActivity activity;

    private final Supplier<MergeStrategy> defaultStrategy;

    RecordConflicts(FeatureContext context, WriteAcks acks, RecordFutures futures, RecordActivity activity,
            Supplier<MergeStrategy> defaultStrategy) {
        this.connection = context.connection();
        this.context = context;
        this.acks = acks;
        this.futures = futures;
        this.activity = activity;
        this.defaultStrategy = defaultStrategy;
    }

    /** After a write was acknowledged: sends the changes made meanwhile as one write. */
    void sendCoalesced(RecordState state) {
        if (state == null || state.deleted) {
            return;
        }
        state.writeInFlight = false;
        if (state.dirty && state.phase == RecordPhase.READY && this.connection.isOpen()) {
            writeBack(state, state.serverData, state.serverVersion, state.data);
        }
    }

    void onVersionExists(Message message, RecordState state) {
        WriteAck ack = this.acks.take(message.correlationId());
        Waiter<Void> waiter = (ack != null) ? ack.waiter() : null;
        if (state == null || state.deleted) {
            this.futures.fail(waiter, new RecordException(message.name(), RecordException.Reason.VERSION_CONFLICT,
                    "write to '" + message.name() + "' lost to another"));
            return;
        }
        if (message.version() != null && message.payload() != null && message.version() <= state.serverVersion
                && message.payload().equals(state.serverData)) {
            // news this client already merged (the overtaking write arrived first): settle the lost write by the
            // outcome of that merge
            settleByWriteBack(state, waiter);
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

    private void settleByWriteBack(RecordState state, Waiter<Void> waiter) {
        if (waiter == null) {
            return;
        }
        Waiter<Void> writeBack = state.writeBack;
        if (writeBack != null && !writeBack.future.isDone()) {
            // the local data won and is on its way: this write succeeds or fails with it
            writeBack.future.whenComplete((ignored, failure) -> this.connection.execute(() -> {
                if (failure != null) {
                    this.futures.fail(waiter, failure);
                }
                else {
                    this.futures.succeed(waiter);
                }
            }));
        }
        else {
            this.futures.fail(waiter, new RecordException(state.name, RecordException.Reason.VERSION_CONFLICT,
                    "write to '" + state.name + "' lost a conflict; the server's data was kept"));
        }
    }

    /** After a re-subscription: compares the server's version with what this client last saw. */
    void resync(RecordState state, int version) {
        if (version == -1) {
            // gone while this client was away: deleted, or a server without storage restarted. Keep the data this
            // client holds alive, as deepstream's own client does, and learn the version it gets.
            String correlationId = this.context.uids().get();
            Waiter<Void> recreated = new Waiter<>(state.name);
            recreated.future.whenComplete((ignored, failure) -> this.connection.execute(
                    () -> this.connection.sendNow(Message.builder(RecordAction.READ).name(state.name).build())));
            this.acks.expect(correlationId, new WriteAck(state.name, recreated, null, null, -1));
            state.serverData = state.data;
            this.connection.sendNow(Message.builder(RecordAction.CREATEANDUPDATE).name(state.name).version(-1)
                .payload(state.data).writeAck(true).correlationId(correlationId).build());
        }
        else if (version == state.serverVersion && !state.dirty) {
            state.phase = RecordPhase.READY;
        }
        else {
            this.connection.sendNow(Message.builder(RecordAction.READ).name(state.name).build());
        }
    }

    /** After a reconnection or a resync read: brings the record in step with the server's data and version. */
    void reconcile(RecordState state, JsonNode remote, int remoteVersion) {
        if (remote.equals(state.data)) {
            // the server has exactly the local data (the local changes got through before the connection dropped)
            state.adopt(remote, remoteVersion);
            state.phase = RecordPhase.READY;
            this.futures.succeedPending(state);
        }
        else if (!state.dirty && state.pendingAcks.isEmpty()) {
            JsonNode previous = state.data;
            state.adopt(remote, remoteVersion);
            state.phase = RecordPhase.READY;
            state.notifyChange(previous);
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

    /** Resolves a conflict between the local data and the server's with the record's merge strategy. */
    void merge(RecordState state, JsonNode remote, int remoteVersion) {
        state.writeInFlight = false;
        // writes of ours still in flight with a version the server gave to another write cannot be stored as sent:
        // they are settled by this merge
        for (Waiter<Void> superseded : this.acks.takeSuperseded(state, remoteVersion)) {
            RecordFutures.cancel(superseded);
            state.pendingAcks.add(superseded);
        }
        JsonNode local = state.data;
        JsonNode merged = merged(state, local, remote, remoteVersion);
        state.phase = RecordPhase.READY;
        boolean remoteWon = merged.equals(remote);
        String outcome = remoteWon ? "the server's data was kept" : "the merged data was written back";
        this.connection.reportError(ErrorKind.VERSION_EXISTS, "conflict on record '" + state.name + "' (local v"
                + state.version + ", server v" + remoteVersion + "): " + outcome, Topic.RECORD, state.name);
        this.activity.conflict(remoteWon ? "remote" : "merged");
        JsonNode previous = state.data;
        if (remoteWon) {
            state.dirty = false;
            state.adopt(remote, remoteVersion);
            state.notifyChange(previous);
            this.futures.settlePending(state, local.equals(remote) ? null : new RecordException(state.name,
                    RecordException.Reason.VERSION_CONFLICT, "write to '" + state.name
                            + "' lost a conflict; the server's data was kept"));
        }
        else {
            state.data = merged;
            state.notifyChange(previous);
            writeBack(state, remote, remoteVersion, merged);
        }
    }

    private JsonNode merged(RecordState state, JsonNode local, JsonNode remote, int remoteVersion) {
        MergeStrategy strategy = (state.strategy != null) ? state.strategy : this.defaultStrategy.get();
        JsonNode merged;
        try {
            merged = strategy.merge(local.deepCopy(), state.version, remote.deepCopy(), remoteVersion);
        }
        catch (RuntimeException ex) {
            this.connection.reportError(ErrorKind.HANDLER_ERROR, "merge strategy of record '" + state.name
                    + "' failed (" + ex + "); keeping the server's data", Topic.RECORD, state.name);
            return remote;
        }
        return (merged == null || !merged.isContainer()) ? remote : merged;
    }

    /** Writes the data as the version after the server's, acknowledged for the writes that wait for it. */
    void writeBack(RecordState state, JsonNode serverData, int serverVersion, JsonNode data) {
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
                this.futures.fail(waiter, failure);
            }
            else {
                this.futures.succeed(waiter);
            }
        }));
        this.acks.expect(correlationId, new WriteAck(state.name, combined, state, data, state.version));
        state.writeBack = combined;
        state.writeInFlight = true;
        this.futures.arm(combined);
        this.connection.sendNow(Message.builder(RecordAction.UPDATE).name(state.name).version(state.version)
            .payload(data).writeAck(true).correlationId(correlationId).build());
    }

}
