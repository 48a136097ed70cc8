package io.github.deepstreamspringboot.client.internal.rpc;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.rpc.RpcRequest;

/**
 * One call to a provider of this client, as the provider sees it. Immutable.
 */
final class ProvidedRequest implements RpcRequest {

    private final String name;

    private final JsonNode data;

    private final Payloads payloads;

    ProvidedRequest(String name, JsonNode data, Payloads payloads) {
        this.name = name;
        this.data = data;
        this.payloads = payloads;
    }

    @Override
    public String name() {
        return this.name;
    }

    @Override
    public JsonNode data() {
        return this.data;
    }

    @Override
    public <T> T data(Class<T> type) {
        return this.payloads.fromJson(this.data, type);
    }

}
