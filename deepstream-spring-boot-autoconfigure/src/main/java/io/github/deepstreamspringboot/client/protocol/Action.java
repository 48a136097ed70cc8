package io.github.deepstreamspringboot.client.protocol;

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
     * Whether a message carries this action on this action's topic.
     * @param message the message
     * @return {@code true} if topic and action match
     */
    default boolean matches(Message message) {
        return (message.topic() == topic()) && (message.action() == code());
    }

}
