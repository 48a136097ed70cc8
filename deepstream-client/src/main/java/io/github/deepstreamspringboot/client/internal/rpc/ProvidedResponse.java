package io.github.deepstreamspringboot.client.internal.rpc;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.PayloadConversionException;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.Payload;
import io.github.deepstreamspringboot.client.internal.protocol.RpcAction;
import io.github.deepstreamspringboot.client.rpc.RpcResponse;

/**
 * Answers one call to a provider of this client. Writes go through the event loop and only to the socket the call
 * came on.
 *
 * <p><b>Thread model.</b> Thread-safe: the provider may answer from any thread; the first answer wins.
 */
final class ProvidedResponse implements RpcResponse {

    private final String name;

    private final String correlationId;

    private final AtomicBoolean completed = new AtomicBoolean();

    /** Set once, when the answer goes out; read by the provider's observation on the handler thread. */
    private volatile String outcome;

    private final AtomicBoolean accepted = new AtomicBoolean();

    private volatile boolean autoAccept = true;

    private final FeatureContext context;

    /** Run once, when the request is answered (a drain counts the requests not yet answered). */
    private final Runnable onAnswered;

    ProvidedResponse(String name, String correlationId, FeatureContext context, Runnable onAnswered) {
        this.onAnswered = onAnswered;
        this.name = name;
        this.correlationId = correlationId;
        this.context = context;
    }

    @Override
    public void send(Object result) {
        Payload json;
        try {
            // serialized on the provider's thread: the loop only queues ready bytes
            json = this.context.payloads().toPayload(result);
        }
        catch (PayloadConversionException ex) {
            DefaultRpcClient.report(this.context.connection(), ErrorKind.PAYLOAD_CONVERSION_ERROR,
                    "result of RPC '" + this.name + "': " + ex.getMessage(), this.name);
            error(DefaultRpcClient.SAFE_ERROR);
            return;
        }
        complete(Message.builder(RpcAction.RESPONSE).payload(json), "success");
    }

    @Override
    public void reject() {
        complete(Message.builder(RpcAction.REJECT), "rejected");
    }

    @Override
    public void error(String message) {
        complete(Message.builder(RpcAction.REQUEST_ERROR)
            .payload(this.context.payloads().toJson((message != null) ? message : DefaultRpcClient.SAFE_ERROR)), "error");
    }

    @Override
    public void accept() {
        if (!this.completed.get() && this.accepted.compareAndSet(false, true)) {
            write(Message.builder(RpcAction.ACCEPT));
        }
    }

    void acceptIfPending() {
        if (this.autoAccept) {
            accept();
        }
    }

    @Override
    public void setAutoAccept(boolean autoAccept) {
        this.autoAccept = autoAccept;
    }

    @Override
    public boolean isCompleted() {
        return this.completed.get();
    }

    /** @return how the call was answered so far: {@code success}, {@code error}, {@code rejected} or pending */
    String outcome() {
        return (this.outcome != null) ? this.outcome : "pending";
    }

    private void complete(Message.Builder answer, String outcome) {
        if (this.completed.compareAndSet(false, true)) {
            this.outcome = outcome;
            write(answer);
            this.onAnswered.run();
        }
    }

    private void write(Message.Builder answer) {
        Message message = answer.name(this.name).correlationId(this.correlationId).build();
        this.context.connection().execute(() -> {
            // the server forgets calls of a lost socket: an answer after a reconnection would be refused
            if (this.context.connection().isOpen()) {
                this.context.connection().sendNow(message);
            }
        });
    }

}
