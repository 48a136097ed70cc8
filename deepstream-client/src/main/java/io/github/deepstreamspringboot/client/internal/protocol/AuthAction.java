package io.github.deepstreamspringboot.client.internal.protocol;

import io.github.deepstreamspringboot.client.Topic;

/**
 * Actions of the {@link Topic#AUTH} topic.
 */
public enum AuthAction implements Action {

    /** Login with credentials. */
    REQUEST(2),

    /** Login accepted; carries the user's client data. */
    AUTH_SUCCESSFUL(3),

    /** Login refused; may carry a reason. */
    AUTH_UNSUCCESSFUL(4),

    /** Too many refused logins on this socket; the server closes it. */
    TOO_MANY_AUTH_ATTEMPTS(100),

    /** A message other than a login arrived before login. */
    INVALID_MESSAGE(101),

    /** The login's data was not a JSON object; the server closes the socket. */
    INVALID_MESSAGE_DATA(102);

    private final int code;

    AuthAction(int code) {
        this.code = code;
    }

    @Override
    public Topic topic() {
        return Topic.AUTH;
    }

    @Override
    public int code() {
        return this.code;
    }

}
