package io.github.deepstreamspringboot.client.internal.rpc;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.Payload;
import io.github.deepstreamspringboot.client.internal.protocol.RpcAction;
import io.github.deepstreamspringboot.client.rpc.RpcRequest;

/**
 * One call to a provider of this client, as the provider sees it. Immutable; the data and the requestor's data are
 * read from their JSON text when first asked for, the data straight into the type asked for.
 */
final class ProvidedRequest implements RpcRequest {

    private final String name;

    private final Payload data;

    private final String requestorName;

    private final String requestorData;

    private final Payloads payloads;

    ProvidedRequest(Message message, Payloads payloads) {
        this.name = message.name();
        this.data = message.rawPayload();
        this.requestorName = message.attributes().get(RpcAction.REQUESTOR_NAME);
        this.requestorData = message.attributes().get(RpcAction.REQUESTOR_DATA);
        this.payloads = payloads;
    }

    @Override
    public String name() {
        return this.name;
    }

    @Override
    public JsonNode data() {
        return (this.data != null) ? this.data.tree() : null;
    }

    @Override
    public String requestorName() {
        return this.requestorName;
    }

    @Override
    public JsonNode requestorData() {
        return (this.requestorData != null) ? this.payloads.readTree(this.requestorData) : null;
    }

    @Override
    public <T> T data(Class<T> type) {
        return this.payloads.fromPayload(this.data, type);
    }

}
