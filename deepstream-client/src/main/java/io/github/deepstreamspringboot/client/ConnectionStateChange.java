package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of a client's {@link ConnectionState}.
 *
 * @param previous the state before the change
 * @param current the state after the change
 * @param reason why the state changed, free of credentials
 * @param timestamp when the state changed
 * @param reconnectAttempt for {@link ConnectionState#RECONNECTING}, the number of the attempt about to be made
 * (1 for the first); otherwise 0
 * @param reconnectDelay for {@link ConnectionState#RECONNECTING}, the wait before that attempt; otherwise
 * {@code null}
 */
public record ConnectionStateChange(ConnectionState previous, ConnectionState current, String reason,
        Instant timestamp, int reconnectAttempt, @Nullable Duration reconnectDelay) {

    /**
     * Creates a state change.
     * @param previous the state before
     * @param current the state after
     * @param reason why it changed
     * @param timestamp when it changed
     * @param reconnectAttempt the attempt about to be made, or 0
     * @param reconnectDelay the wait before that attempt, or {@code null}
     */
    public ConnectionStateChange {
        Objects.requireNonNull(previous, "'previous' must not be null");
        Objects.requireNonNull(current, "'current' must not be null");
        Objects.requireNonNull(reason, "'reason' must not be null");
        Objects.requireNonNull(timestamp, "'timestamp' must not be null");
    }

}
