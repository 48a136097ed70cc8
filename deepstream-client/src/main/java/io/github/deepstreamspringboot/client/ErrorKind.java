package io.github.deepstreamspringboot.client;

/**
 * The kinds of error a client reports to its error listeners. Names follow deepstream's own error names where
 * deepstream has one.
 */
public enum ErrorKind {

    /** The WebSocket could not be opened, failed, or the server did not complete the handshake in time. */
    CONNECTION_ERROR,

    /**
     * A frame from the server could not be decoded (JSON: not JSON, not an object, no topic or action; binary: bad
     * bytes, an unknown topic, a truncated varint, a length past the end of the frame). The connection keeps running.
     */
    MESSAGE_PARSE_ERROR,

    /**
     * A frame from the server was larger than the client's maximum message size, so the WebSocket was closed with
     * code 1009; the client reconnects. Raise {@code maxMessageSize} ({@code deepstream.max-message-size}).
     */
    MESSAGE_TOO_LARGE,

    /** The server told us it did not understand a message we sent (invalid message, unknown topic). */
    INVALID_MESSAGE,

    /** A well-formed message arrived that no part of the client expected. */
    UNSOLICITED_MESSAGE,

    /** A request (login, subscription, ...) got no answer within its timeout. */
    ACK_TIMEOUT,

    /** The server refused further login attempts on this connection; the client closes. */
    TOO_MANY_AUTH_ATTEMPTS,

    /** The server closed the connection because the client did not log in in time. */
    AUTHENTICATION_TIMEOUT,

    /** The automatic login after a reconnection was refused by the server. */
    REAUTHENTICATION_FAILURE,

    /** Two heartbeats in a row went unanswered; the connection is dropped and re-established. */
    HEARTBEAT_TIMEOUT,

    /** The offline queue was full, so an operation issued while not connected was refused. */
    OFFLINE_QUEUE_FULL,

    /** An operation waited in the offline queue for longer than its maximum age and was failed. */
    OFFLINE_QUEUE_EXPIRED,

    /** The client gave up reconnecting after the configured number of attempts. */
    MAX_RECONNECTION_ATTEMPTS_REACHED,

    /** An operation was attempted on a client that has been closed. */
    IS_CLOSED,

    /** The server's permissions refused an operation (subscribe, emit, provide, make, ...). */
    MESSAGE_DENIED,

    /** A permission rule failed on the server while checking an operation. */
    MESSAGE_PERMISSION_ERROR,

    /** The server already had this subscription, listen or provider for this connection. */
    MULTIPLE_SUBSCRIPTIONS,

    /** The server had no such subscription to remove. */
    NOT_SUBSCRIBED,

    /** The server refused a listen pattern that is not a valid regular expression. */
    INVALID_LISTEN_REGEX,

    /** A listener did not accept or reject a match in time. */
    LISTEN_RESPONSE_TIMEOUT,

    /** A payload could not be converted to or from the requested Java type. */
    PAYLOAD_CONVERSION_ERROR,

    /** A handler (event handler, RPC provider, listener) threw. */
    HANDLER_ERROR,

    /**
     * A handler (event handler, record or presence listener, RPC provider) had {@code handlerMaxPending} messages
     * waiting, so further ones were dropped (RPC requests rejected) until it caught up; reported once per streak, with
     * the subscription's name. The connection and the other handlers are not affected.
     */
    SLOW_CONSUMER,

    /** An RPC call failed; its {@code RpcException} tells why. */
    RPC_FAILED,

    /** A record write conflicted with another one; the merge strategy decided (see the record's listeners). */
    VERSION_EXISTS,

    /** The server reported a record error (load, update, delete, not found, invalid version or data). */
    RECORD_ERROR

}
