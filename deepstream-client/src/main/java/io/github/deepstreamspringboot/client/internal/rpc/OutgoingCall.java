package io.github.deepstreamspringboot.client.internal.rpc;

import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.internal.connection.EventLoop;
import io.github.deepstreamspringboot.client.internal.protocol.Payload;

/**
 * A call this client made, from {@code make} until its result, failure or deadline.
 *
 * <p><b>Thread model.</b> The mutable fields are confined to the event loop; the result future completes on the
 * callback thread.
 */
final class OutgoingCall {

    private final String name;

    private final String correlationId;

    private final CompletableFuture<Payload> result;

    private boolean sent;

    private EventLoop.Cancellable deadline;

    OutgoingCall(String name, String correlationId, CompletableFuture<Payload> result) {
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

    CompletableFuture<Payload> result() {
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
