package io.github.deepstreamspringboot.client.rpc;

/**
 * Answers calls of one RPC name. Runs on its own handler thread, one call at a time, in arrival order; answer at
 * once or later through the {@link RpcResponse}. An exception becomes an error response with a generic message.
 */
@FunctionalInterface
public interface RpcProvider {

    /**
     * Handles a call.
     * @param request the call
     * @param response how to answer it
     */
    void onRequest(RpcRequest request, RpcResponse response);

}
