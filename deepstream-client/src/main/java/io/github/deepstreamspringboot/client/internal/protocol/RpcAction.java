package io.github.deepstreamspringboot.client.internal.protocol;

import io.github.deepstreamspringboot.client.Topic;

/**
 * Actions of the {@link Topic#RPC} topic.
 */
public enum RpcAction implements Action {

    /** A call: from the requestor, relayed to a provider. */
    REQUEST(2),

    /** The provider took the call. */
    ACCEPT(4),

    /** The result of a call. */
    RESPONSE(5),

    /** The provider declines the call; the server tries another provider. */
    REJECT(6),

    /** The provider failed the call; carries the error. */
    REQUEST_ERROR(7),

    /** Provide names (always the {@code names} array); also its acknowledgement. */
    PROVIDE(8),

    /** Stop providing names; also its acknowledgement. */
    UNPROVIDE(9),

    /** No provider (left) for the call. */
    NO_RPC_PROVIDER(100),

    /** No provider accepted the call in time. */
    ACCEPT_TIMEOUT(101),

    /** A provider accepted the same call twice. */
    MULTIPLE_ACCEPT(102),

    /** A reply for a call the server does not know (any more). */
    INVALID_RPC_CORRELATION_ID(103),

    /** The provider did not respond in time. */
    RESPONSE_TIMEOUT(104),

    /** A second response for the same call. */
    MULTIPLE_RESPONSE(105),

    /** A permission rule failed. */
    MESSAGE_PERMISSION_ERROR(106),

    /** Permissions refused the operation. */
    MESSAGE_DENIED(107),

    /** The payload was invalid. */
    INVALID_MESSAGE_DATA(108),

    /** This connection already provides the name. */
    MULTIPLE_PROVIDERS(109),

    /** This connection does not provide the name. */
    NOT_PROVIDED(110);

    /** The attribute of a REQUEST to a provider that names the requestor, if the server passes it. */
    public static final String REQUESTOR_NAME = "requestorName";

    /** The attribute of a REQUEST to a provider with the requestor's server data as JSON text, if passed. */
    public static final String REQUESTOR_DATA = "requestorData";

    private final int code;

    RpcAction(int code) {
        this.code = code;
    }

    @Override
    public Topic topic() {
        return Topic.RPC;
    }

    @Override
    public int code() {
        return this.code;
    }

    /**
     * Finds the action with a protocol number.
     * @param code the number
     * @return the action, or {@code null} if none has it
     */
    public static RpcAction of(int code) {
        return Action.find(RpcAction.class, code);
    }

}
