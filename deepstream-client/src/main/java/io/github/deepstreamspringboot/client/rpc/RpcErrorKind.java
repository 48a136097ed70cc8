package io.github.deepstreamspringboot.client.rpc;

/**
 * Why an RPC call failed.
 */
public enum RpcErrorKind {

    /** No client provides the name (or every provider rejected the call). */
    NO_RPC_PROVIDER,

    /** The provider answered with an error ({@link RpcException#getErrorData()} holds what it sent). */
    PROVIDER_ERROR,

    /** No provider accepted the call within the server's accept timeout. */
    ACCEPT_TIMEOUT,

    /** The provider did not respond within the server's response timeout. */
    RESPONSE_TIMEOUT,

    /** The client's own deadline ({@code rpcTimeout}) passed first. */
    CLIENT_TIMEOUT,

    /** The server's permissions refused the call. */
    MESSAGE_DENIED,

    /** The connection was lost after the call was sent; the server forgets calls of a lost connection. */
    CONNECTION_LOST,

    /** The call could not be sent (offline queue full or expired, client closed, payload not convertible). */
    NOT_SENT,

    /** The server no longer knew the call. */
    INVALID_CORRELATION_ID

}
