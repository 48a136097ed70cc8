package io.github.deepstreamspringboot.client.rpc;

import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.PayloadConversionException;
import org.jspecify.annotations.Nullable;

/**
 * deepstream RPC: {@link #provide provide} named procedures and {@link #make make} calls.
 *
 * <p>Providers are remembered and provided again, in one bulk message, after every reconnection. Calls made while
 * not logged in wait in the offline queue; every call has a client-side deadline ({@code rpcTimeout}) besides the
 * server's accept and response timeouts, so no future waits forever. A call already sent when the connection is lost
 * fails with {@link RpcErrorKind#CONNECTION_LOST}: the server forgets it, and sending it again could run it twice.
 * Correlation ids are {@code getUid()} values, unique across clients (the server matches responses by id alone).
 *
 * <p><b>Threads.</b> Public methods may be called from any thread; state lives on the event loop. Each provider runs
 * on its own serial executor over the handler pool. Call futures complete on the callback thread.
 */
public interface RpcClient {

    /**
     * Provides an RPC name.
     * @param name the RPC name
     * @param provider answers the calls
     * @return the registration; close it (or {@link RpcRegistration#unprovide()}) to stop providing
     */
    RpcRegistration provide(String name, RpcProvider provider);

    /**
     * Calls an RPC.
     * @param name the RPC name
     * @param data the call's data, converted to JSON ({@code null} sends none)
     * @return completes with the result as JSON; fails with an {@link RpcException}
     */
    CompletableFuture<JsonNode> make(String name, @Nullable Object data);

    /**
     * Calls an RPC and converts the result.
     * @param <T> the result type
     * @param name the RPC name
     * @param data the call's data, converted to JSON ({@code null} sends none)
     * @param resultType the result type
     * @return completes with the converted result; fails with an {@link RpcException}, or a
     * {@link PayloadConversionException} if the result does not convert
     */
    <T> CompletableFuture<T> make(String name, @Nullable Object data, Class<T> resultType);

}
