package io.github.deepstreamspringboot.client.internal.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.RecordAction;
import io.github.deepstreamspringboot.client.record.RecordException;

/**
 * Record requests without a subscription: snapshot reads, version heads and writes to records this client does not
 * hold. They go through the offline queue; a request's deadline starts once it is written.
 *
 * <p><b>Threads.</b> {@link #snapshot}, {@link #head} and {@link #write} may be called from any thread; the waiters
 * are registered and answered on the event loop.
 */
final class RecordRequests {

    private final DeepstreamConnection connection;

    private final FeatureContext context;

    private final WriteAcks acks;

    private final RecordFutures futures;

    // ---- confined to the event loop --------------------------------------------------------------------------------

    /** Snapshot reads awaited, by record name (READ answers carry no correlation id). */
    private final Map<String, List<Waiter<JsonNode>>> snapshots = new HashMap<>();

    /** HEAD answers awaited, by record name. */
    private final Map<String, List<Waiter<Integer>>> heads = new HashMap<>();

    RecordRequests(FeatureContext context, WriteAcks acks, RecordFutures futures) {
        this.connection = context.connection();
        this.context = context;
        this.acks = acks;
        this.futures = futures;
    }

    CompletableFuture<JsonNode> snapshot(String name) {
        Waiter<JsonNode> waiter = new Waiter<>(name);
        request(Message.builder(RecordAction.READ).name(name).build(), waiter,
                () -> this.snapshots.computeIfAbsent(name, (key) -> new ArrayList<>()).add(waiter));
        return waiter.future;
    }

    CompletableFuture<Integer> head(String name) {
        Waiter<Integer> waiter = new Waiter<>(name);
        request(Message.builder(RecordAction.HEAD).name(name).build(), waiter,
                () -> this.heads.computeIfAbsent(name, (key) -> new ArrayList<>()).add(waiter));
        return waiter.future;
    }

    /**
     * Writes to a record this client does not hold: creates it (or, for an erase, fails if it does not exist) and
     * lets the server assign the version.
     * @param waiter completed when the server stored the write, or {@code null} for a write without acknowledgement
     * @return completes when the write was sent (the waiter's future if there is one)
     */
    CompletableFuture<Void> write(String name, String path, JsonNode value, boolean erase, Waiter<Void> waiter) {
        Message.Builder message;
        if (erase) {
            // a plain erase: there is no create-and-erase. On a missing record deepstream 7.0.2 answers it with
            // RECORD_UPDATE_ERROR, unless it asks for an acknowledgement: then it creates the record as {}
            message = Message.builder(RecordAction.ERASE).name(name).path(path).version(-1);
        }
        else {
            message = Message.builder((path != null) ? RecordAction.CREATEANDPATCH : RecordAction.CREATEANDUPDATE)
                .name(name).path(path).version(-1).payload(value);
        }
        if (waiter == null) {
            return this.connection.send(message.build());
        }
        String correlationId = this.context.uids().get();
        request(message.writeAck(true).correlationId(correlationId).build(), waiter,
                () -> this.acks.expect(correlationId, new WriteAck(name, waiter, null, null, -1)));
        return waiter.future;
    }

    /** Sends through the offline queue; the waiter is registered and its deadline armed once the message is written. */
    private <T> void request(Message message, Waiter<T> waiter, Runnable register) {
        this.connection.send(message, () -> {
            register.run();
            this.futures.arm(waiter);
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                waiter.future.completeExceptionally(failure);
            }
        });
    }

    // ---- answers (event loop) --------------------------------------------------------------------------------------

    void onRead(String name, JsonNode data, int version) {
        List<Waiter<JsonNode>> waiting = this.snapshots.remove(name);
        if (waiting == null) {
            return;
        }
        for (Waiter<JsonNode> waiter : waiting) {
            if (version == -1) {
                this.futures.fail(waiter, notFound(name));
            }
            else {
                this.futures.succeed(waiter, data);
            }
        }
    }

    void onHead(String name, Integer version) {
        List<Waiter<Integer>> waiting = this.heads.remove(name);
        if (waiting != null) {
            waiting.forEach((waiter) -> this.futures.succeed(waiter, version));
        }
    }

    /** The snapshot reads of a record that does not exist. */
    void onNotFound(String name) {
        failReads(name, notFound(name));
    }

    /** Fails the snapshot reads of a record (the server refused them, or the record does not exist). */
    void failReads(String name, Throwable failure) {
        List<Waiter<JsonNode>> waiting = (name != null) ? this.snapshots.remove(name) : null;
        if (waiting != null) {
            waiting.forEach((waiter) -> this.futures.fail(waiter, failure));
        }
    }

    /** Fails the version heads of a record (the server refused them). */
    void failHeads(String name, Throwable failure) {
        List<Waiter<Integer>> waiting = (name != null) ? this.heads.remove(name) : null;
        if (waiting != null) {
            waiting.forEach((waiter) -> this.futures.fail(waiter, failure));
        }
    }

    /** Fails every request awaiting an answer: the server will not send it. */
    void onConnectionLost() {
        DeepstreamException lost = new DeepstreamException(ErrorKind.CONNECTION_ERROR,
                "The connection was lost before the server answered");
        this.snapshots.values().forEach((waiters) -> waiters.forEach((waiter) -> this.futures.fail(waiter, lost)));
        this.snapshots.clear();
        this.heads.values().forEach((waiters) -> waiters.forEach((waiter) -> this.futures.fail(waiter, lost)));
        this.heads.clear();
    }

    private static RecordException notFound(String name) {
        return new RecordException(name, RecordException.Reason.NOT_FOUND, "record '" + name + "' does not exist");
    }

}
