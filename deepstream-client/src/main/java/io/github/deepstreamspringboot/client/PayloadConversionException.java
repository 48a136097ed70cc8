package io.github.deepstreamspringboot.client;

/**
 * Thrown when a payload does not convert between JSON and the Java type asked for: an emit's, a call's or a record
 * write's data that the client's {@code JsonMapper} cannot write, or received data that does not read as the
 * listener's type. Its kind is always {@link ErrorKind#PAYLOAD_CONVERSION_ERROR}; Jackson's exception is the cause.
 */
public class PayloadConversionException extends DeepstreamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what did not convert
     * @param cause Jackson's exception
     */
    public PayloadConversionException(String message, Throwable cause) {
        super(ErrorKind.PAYLOAD_CONVERSION_ERROR, message);
        initCause(cause);
    }

}
