package io.github.deepstreamspringboot.client.internal.protocol;

import io.github.deepstreamspringboot.client.Topic;

/**
 * Actions of the {@link Topic#PARSER} topic, which the server uses to say it could not handle a message.
 */
public enum ParserAction implements Action {

    /** The message's topic has no handler on the server (also: connection or auth messages after login). */
    UNKNOWN_TOPIC(1),

    /** The message's action is unknown. */
    UNKNOWN_ACTION(2),

    /** The message was invalid. */
    INVALID_MESSAGE(3),

    /** The message could not be parsed. */
    MESSAGE_PARSE_ERROR(4),

    /** The message was too large. */
    MAXIMUM_MESSAGE_SIZE_EXCEEDED(5),

    /** The frame could not be decoded (binary endpoint). */
    ERROR(6);

    private final int code;

    ParserAction(int code) {
        this.code = code;
    }

    @Override
    public Topic topic() {
        return Topic.PARSER;
    }

    @Override
    public int code() {
        return this.code;
    }

}
