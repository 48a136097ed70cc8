package io.github.deepstreamspringboot.client;

import java.util.Objects;

/**
 * Fails the future of an operation the client could not carry out, naming the {@link ErrorKind}.
 */
public class DeepstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    private final ErrorKind kind;

    /**
     * Creates an exception.
     * @param kind what went wrong
     * @param message a description, free of credentials
     */
    public DeepstreamException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "'kind' must not be null");
    }

    /**
     * Returns what went wrong.
     * @return the error kind
     */
    public ErrorKind getKind() {
        return this.kind;
    }

}
