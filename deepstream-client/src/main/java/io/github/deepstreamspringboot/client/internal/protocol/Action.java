package io.github.deepstreamspringboot.client.internal.protocol;

import io.github.deepstreamspringboot.client.Topic;

/**
 * An action of one topic, with its protocol number. Each topic's actions are an enum implementing this interface.
 */
public interface Action {

    /**
     * Returns the topic this action belongs to.
     * @return the topic
     */
    Topic topic();

    /**
     * Returns the number this action has on the wire.
     * @return the protocol number
     */
    int code();

    /**
     * Finds the action of an enum with a protocol number.
     * @param <A> the action enum
     * @param type the action enum's class
     * @param code the number
     * @return the action, or {@code null} if none has it
     */
    static <A extends Enum<A> & Action> A find(Class<A> type, int code) {
        for (A action : type.getEnumConstants()) {
            if (action.code() == code) {
                return action;
            }
        }
        return null;
    }

    /**
     * Whether a message carries this action on this action's topic.
     * @param message the message
     * @return {@code true} if topic and action match
     */
    default boolean matches(Message message) {
        return (message.topic() == topic()) && (message.action() == code());
    }

}
