package io.github.deepstreamspringboot.client;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;


/**
 * An error reported to the client's error listeners.
 *
 * @param kind what went wrong
 * @param message a human-readable description, free of credentials
 * @param topic the topic the error relates to
 * @param name the event, RPC, record or user name (or listen pattern) the error relates to; {@code null} if none
 * @param timestamp when the client noticed the error
 */
public record DeepstreamError(ErrorKind kind, String message, Topic topic, @Nullable String name,
        Instant timestamp) {

    /**
     * Creates an error that relates to no particular name.
     * @param kind what went wrong
     * @param message a description, free of credentials
     * @param topic the topic the error relates to
     * @param timestamp when the client noticed the error
     */
    public DeepstreamError(ErrorKind kind, String message, Topic topic, Instant timestamp) {
        this(kind, message, topic, null, timestamp);
    }

    /**
     * Creates an error.
     * @param kind what went wrong
     * @param message a description, free of credentials
     * @param topic the topic the error relates to
     * @param name the name the error relates to, or {@code null}
     * @param timestamp when the client noticed the error
     */
    public DeepstreamError {
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(message, "'message' must not be null");
        Objects.requireNonNull(topic, "'topic' must not be null");
        Objects.requireNonNull(timestamp, "'timestamp' must not be null");
    }

}
