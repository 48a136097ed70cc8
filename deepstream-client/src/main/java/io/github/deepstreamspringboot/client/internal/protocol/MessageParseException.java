package io.github.deepstreamspringboot.client.internal.protocol;

/**
 * Thrown by a {@link MessageCodec} for a frame that is not a valid deepstream message.
 */
public class MessageParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what is wrong with the frame
     */
    public MessageParseException(String message) {
        super(message);
    }

    /**
     * Creates an exception.
     * @param message what is wrong with the frame
     * @param cause the decoder's own exception
     */
    public MessageParseException(String message, Throwable cause) {
        super(message, cause);
    }

}
