package io.github.deepstreamspringboot.client.internal.protocol;

import io.github.deepstreamspringboot.client.Topic;

/**
 * Actions of the {@link Topic#PRESENCE} topic.
 */
public enum PresenceAction implements Action {

    /** Ask who is online. */
    QUERY_ALL(2),

    /** Online users except the asker, in {@code names}; carries no correlation id. */
    QUERY_ALL_RESPONSE(3),

    /** Ask whether given users are online. */
    QUERY(4),

    /** Map of user to online flag. */
    QUERY_RESPONSE(5),

    /** A watched user came online. */
    PRESENCE_JOIN(6),

    /** A user came online (subscribe-all). */
    PRESENCE_JOIN_ALL(7),

    /** A watched user went offline. */
    PRESENCE_LEAVE(8),

    /** A user went offline (subscribe-all). */
    PRESENCE_LEAVE_ALL(9),

    /** Watch given users; also its acknowledgement. */
    SUBSCRIBE(10),

    /** Stop watching users; also its acknowledgement. */
    UNSUBSCRIBE(11),

    /** Watch everyone; also its acknowledgement. */
    SUBSCRIBE_ALL(12),

    /** Stop watching everyone; also its acknowledgement. */
    UNSUBSCRIBE_ALL(13),

    /** A permission rule failed. */
    MESSAGE_PERMISSION_ERROR(101),

    /** Permissions refused the operation. */
    MESSAGE_DENIED(102),

    /** Already subscribed. */
    MULTIPLE_SUBSCRIPTIONS(103);

    private final int code;

    PresenceAction(int code) {
        this.code = code;
    }

    @Override
    public Topic topic() {
        return Topic.PRESENCE;
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
    public static PresenceAction of(int code) {
        return Action.find(PresenceAction.class, code);
    }

}
