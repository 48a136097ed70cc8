package io.github.deepstreamspringboot.client.rpc;

import tools.jackson.databind.JsonNode;

/**
 * A call a provider received.
 */
public interface RpcRequest {

    /** @return the RPC's name */
    String name();

    /** @return the call's data as JSON, or {@code null} if it had none */
    JsonNode data();

    /**
     * Converts the call's data with the client's JSON mapper.
     * @param <T> the type
     * @param type the type
     * @return the data, or {@code null} if it had none
     * @throws io.github.deepstreamspringboot.client.PayloadConversionException if it does not convert
     */
    <T> T data(Class<T> type);

}
