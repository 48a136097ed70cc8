package io.github.deepstreamspringboot.client.internal.connection;

import java.io.IOException;

/**
 * The server closed the connection before answering the WebSocket upgrade request with any HTTP response, which is
 * how deepstream treats a path it does not serve. Raised by a {@link Transport} so that the connection can say so
 * without knowing the WebSocket library's own exceptions.
 */
public class NoHttpAnswerException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message a description without credentials
     * @param cause the WebSocket library's exception
     */
    public NoHttpAnswerException(String message, Throwable cause) {
        super(message, cause);
    }

}
