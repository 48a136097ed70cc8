package io.github.deepstreamspringboot.client.rpc;

import org.jspecify.annotations.Nullable;

/**
 * How a provider answers one call. Exactly one of {@link #send}, {@link #reject} or {@link #error} counts; later calls
 * are ignored. Unless {@link #setAutoAccept(boolean) auto-accept} is turned off, the call is accepted when the
 * provider's handler returns without having answered, so a provider may answer later from any thread. Thread-safe.
 */
public interface RpcResponse {

    /**
     * Sends the result.
     * @param result the result, converted to JSON ({@code null} sends JSON null)
     */
    void send(@Nullable Object result);

    /** Declines the call: the server offers it to another provider, or tells the caller there is none. */
    void reject();

    /**
     * Fails the call; the caller gets an {@link RpcException} of kind {@link RpcErrorKind#PROVIDER_ERROR}.
     * @param message the error to send (keep it free of internals: it goes to the remote caller)
     */
    void error(String message);

    /** Accepts the call now (deepstream expects an accept within about a second; a result implies it). */
    void accept();

    /**
     * @param autoAccept whether to accept when the handler returns without answering (default {@code true})
     */
    void setAutoAccept(boolean autoAccept);

    /** @return whether the call was answered (sent, rejected or failed) */
    boolean isCompleted();

}
