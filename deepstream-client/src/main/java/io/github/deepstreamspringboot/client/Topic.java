package io.github.deepstreamspringboot.client;

import org.jspecify.annotations.Nullable;

/**
 * deepstream's message topics, with their protocol numbers.
 */
public enum Topic {

    /** Not a real topic; also used for errors that relate to no topic. */
    UNKNOWN(0),

    /** Server errors about messages it could not parse or route. */
    PARSER(1),

    /** Connection handshake and heartbeats. */
    CONNECTION(2),

    /** Login. */
    AUTH(3),

    /** Publish/subscribe events. */
    EVENT(4),

    /** Records and lists. */
    RECORD(5),

    /** Remote procedure calls. */
    RPC(6),

    /** Who is online. */
    PRESENCE(7);

    private final int code;

    Topic(int code) {
        this.code = code;
    }

    /**
     * Returns the number this topic has on the wire.
     * @return the protocol number
     */
    public int code() {
        return this.code;
    }

    /**
     * Finds the topic for a protocol number.
     * @param code the number read from the wire
     * @return the topic, or {@code null} if the number is not a topic a client handles
     */
    public static @Nullable Topic fromCode(int code) {
        // The server leaks its internal state-registry topics on MULTIPLE_SUBSCRIPTIONS for a duplicate listen:
        // 16 stands for events and 15 for records.
        if (code == 16) {
            return EVENT;
        }
        if (code == 15) {
            return RECORD;
        }
        for (Topic topic : values()) {
            if (topic.code == code) {
                return topic;
            }
        }
        return null;
    }

}
