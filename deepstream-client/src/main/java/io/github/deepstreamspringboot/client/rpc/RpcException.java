package io.github.deepstreamspringboot.client.rpc;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import org.jspecify.annotations.Nullable;

/**
 * Fails the future of an RPC call.
 */
public class RpcException extends DeepstreamException {

    private static final long serialVersionUID = 1L;

    /** The name of the RPC that failed. */
    private final String rpcName;

    /** Why it failed. */
    private final RpcErrorKind rpcErrorKind;

    private final transient @Nullable JsonNode errorData;

    /**
     * Creates an exception.
     * @param rpcName the RPC's name
     * @param kind why the call failed
     * @param message a description
     * @param errorData what a provider sent with its error, or {@code null}
     */
    public RpcException(String rpcName, RpcErrorKind kind, String message, @Nullable JsonNode errorData) {
        super((kind == RpcErrorKind.MESSAGE_DENIED) ? ErrorKind.MESSAGE_DENIED : ErrorKind.RPC_FAILED,
                message);
        this.rpcName = rpcName;
        this.rpcErrorKind = kind;
        this.errorData = errorData;
    }

    /** @return the RPC's name */
    public String getRpcName() {
        return this.rpcName;
    }

    /** @return why the call failed */
    public RpcErrorKind getRpcErrorKind() {
        return this.rpcErrorKind;
    }

    /** @return what the provider sent with its error ({@link RpcErrorKind#PROVIDER_ERROR}), else {@code null} */
    public @Nullable JsonNode getErrorData() {
        return this.errorData;
    }

}
