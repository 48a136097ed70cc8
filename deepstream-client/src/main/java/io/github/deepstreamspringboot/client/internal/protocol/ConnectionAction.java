package io.github.deepstreamspringboot.client.internal.protocol;

import io.github.deepstreamspringboot.client.Topic;

/**
 * Actions of the {@link Topic#CONNECTION} topic.
 */
public enum ConnectionAction implements Action {

    /** Client heartbeat; answered with {@link #PONG} only after login. */
    PING(2),

    /** Answer to a {@link #PING}. */
    PONG(3),

    /** The server accepted the challenge. */
    ACCEPT(4),

    /** The first message a client sends on a new socket. */
    CHALLENGE(5),

    /** The server refused the challenge (not sent by current servers). */
    REJECT(6),

    /** The server asks the client to connect elsewhere (not sent by current servers). */
    REDIRECT(7),

    /** The client did not log in in time; the server closes the socket. */
    AUTHENTICATION_TIMEOUT(100),

    /** The first message on a socket was not a challenge. */
    INVALID_MESSAGE(101);

    private final int code;

    ConnectionAction(int code) {
        this.code = code;
    }

    @Override
    public Topic topic() {
        return Topic.CONNECTION;
    }

    @Override
    public int code() {
        return this.code;
    }

}
