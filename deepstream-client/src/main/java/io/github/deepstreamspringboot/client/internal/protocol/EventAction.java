package io.github.deepstreamspringboot.client.internal.protocol;

import io.github.deepstreamspringboot.client.Topic;

/**
 * Actions of the {@link Topic#EVENT} topic.
 */
public enum EventAction implements Action {

    /** Publish an event; relayed to subscribers. */
    EMIT(2),

    /** Subscribe to names (always the {@code names} array); also its acknowledgement. */
    SUBSCRIBE(3),

    /** Unsubscribe names; also its acknowledgement. */
    UNSUBSCRIBE(4),

    /** Listen for subscriptions matching a pattern (in {@code name}); acknowledged by an echo. */
    LISTEN(5),

    /** Stop listening; acknowledged by an echo. */
    UNLISTEN(6),

    /** A listener accepts to provide a matched name. */
    LISTEN_ACCEPT(7),

    /** A listener declines a matched name. */
    LISTEN_REJECT(8),

    /** A name matching a listened pattern got its first subscriber. */
    SUBSCRIPTION_FOR_PATTERN_FOUND(11),

    /** A matched name lost its last subscriber. */
    SUBSCRIPTION_FOR_PATTERN_REMOVED(12),

    /** The listen pattern is not a valid regular expression. */
    INVALID_LISTEN_REGEX(100),

    /** The listener did not accept or reject in time. */
    LISTEN_RESPONSE_TIMEOUT(101),

    /** A permission rule failed. */
    MESSAGE_PERMISSION_ERROR(103),

    /** Permissions refused the operation. */
    MESSAGE_DENIED(104),

    /** Already subscribed (or listening). */
    MULTIPLE_SUBSCRIPTIONS(106),

    /** Not subscribed. */
    NOT_SUBSCRIBED(107);

    private final int code;

    EventAction(int code) {
        this.code = code;
    }

    @Override
    public Topic topic() {
        return Topic.EVENT;
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
    public static EventAction of(int code) {
        return Action.find(EventAction.class, code);
    }

}
