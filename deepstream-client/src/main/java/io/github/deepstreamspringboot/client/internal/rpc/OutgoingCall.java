package io.github.deepstreamspringboot.client.internal.rpc;

import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.internal.connection.EventLoop;

/**
 * A call this client made, from {@code make} until its result, failure or deadline.
 *
 * <p><b>Thread model.</b> The mutable fields are confined to the event loop; the result future completes on the
 * callback thread.
 */
final class OutgoingCall {

    private final String name;

    private final String correlationId;

    private final CompletableFuture<JsonNode> result;

    private boolean sent;

    private EventLoop.Cancellable deadline;

    OutgoingCall(String name, String correlationId, CompletableFuture<JsonNode> result) {
        this.name = name;
        this.correlationId = correlationId;
        this.result = result;
    }

    String name() {
        return this.name;
    }

    String correlationId() {
        return this.correlationId;
    }

    CompletableFuture<JsonNode> result() {
        return this.result;
    }

    boolean sent() {
        return this.sent;
    }

    void markSent() {
        this.sent = true;
    }

    void setDeadline(EventLoop.Cancellable deadline) {
        this.deadline = deadline;
    }

    void cancelDeadline() {
        if (this.deadline != null) {
            this.deadline.cancel();
        }
    }

}
