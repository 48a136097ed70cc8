package io.github.deepstreamspringboot.client.rpc;

import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.Subscription;

/**
 * A provided RPC name. {@link #close()} stops providing it.
 */
public interface RpcRegistration extends Subscription {

    /** @return the RPC's name */
    String name();

    /**
     * Completes when the server has acknowledged the provider; fails if it refused it.
     * @return the acknowledgement
     */
    CompletableFuture<Void> whenProvided();

    /**
     * Stops providing the name and waits for the server to confirm, so that new calls go to other providers.
     * @return completes when the server has confirmed (at once if not connected)
     */
    CompletableFuture<Void> unprovide();

}
