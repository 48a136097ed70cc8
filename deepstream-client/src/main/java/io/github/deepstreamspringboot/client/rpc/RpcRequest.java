package io.github.deepstreamspringboot.client.rpc;

import tools.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A call a provider received.
 */
public interface RpcRequest {

    /** @return the RPC's name */
    String name();

    /** @return the call's data as JSON, or {@code null} if it had none */
    @Nullable JsonNode data();

    /**
     * @return the name of the client that made the call (the username it logged in with), when the server passes it
     * to providers (its setting {@code rpc.provideRequestorName}, off by default); else {@code null}
     */
    @Nullable String requestorName();

    /**
     * @return the client data of the client that made the call (what the server's authentication gave it at login:
     * deepstream 7.0.2 passes the client data, not the server data), when the server passes it to providers (its
     * setting {@code rpc.provideRequestorData}, off by default, and only if the client has any); else {@code null}
     */
    @Nullable JsonNode requestorData();

    /**
     * Converts the call's data with the client's JSON mapper.
     * @param <T> the type
     * @param type the type
     * @return the data, or {@code null} if it had none
     * @throws io.github.deepstreamspringboot.client.PayloadConversionException if it does not convert
     */
    <T> @Nullable T data(Class<T> type);

}
