package io.github.deepstreamspringboot.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.ConnectionStateChange;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.ErrorKind;

/**
 * Health of a deepstream client's connection, read from the client's state; it never touches the network.
 * {@code OPEN} is UP. Connecting or reconnecting is UNKNOWN for a grace period after the connection was lost (or the
 * client started), DOWN after it. {@code ERROR} is DOWN, and so is {@code CLOSED} while the application runs;
 * {@code CLOSED} because the application is shutting down is OUT_OF_SERVICE, and so is any state once the client
 * has begun to drain ({@link DeepstreamClient#drain}), so that a load balancer sends no more work. Details: state, since, reconnect attempt
 * and time to the next one, last error kind, and the server URL with credentials masked.
 *
 * <p>Thread-safe: the listeners it registers run on the client's callback thread and write volatile fields that
 * health checks read from any thread.
 */
public class DeepstreamHealthIndicator extends AbstractHealthIndicator {

    private final DeepstreamClient client;

    private final Duration gracePeriod;

    private final BooleanSupplier shuttingDown;

    private final Clock clock;

    /** When the client was last not logged in since; {@code null} while it is {@code OPEN}. */
    private volatile Instant notOpenSince;

    private volatile ErrorKind lastError;

    /**
     * Creates an indicator; create it before the client connects so that it sees every state.
     * @param client the client
     * @param gracePeriod how long connecting or reconnecting counts as UNKNOWN rather than DOWN
     * @param shuttingDown whether the application is stopping the client on purpose
     * @param clock the clock
     */
    public DeepstreamHealthIndicator(DeepstreamClient client, Duration gracePeriod, BooleanSupplier shuttingDown,
            Clock clock) {
        super("deepstream health check failed");
        this.client = client;
        this.gracePeriod = gracePeriod;
        this.shuttingDown = shuttingDown;
        this.clock = clock;
        this.notOpenSince = (client.getConnectionState() == ConnectionState.OPEN) ? null : clock.instant();
        client.addConnectionStateListener(this::onStateChanged);
        client.addErrorListener((error) -> this.lastError = error.kind());
    }

    private void onStateChanged(ConnectionStateChange change) {
        if (change.current() == ConnectionState.OPEN) {
            this.notOpenSince = null;
        }
        else if (change.previous() == ConnectionState.OPEN || this.notOpenSince == null) {
            this.notOpenSince = change.timestamp();
        }
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ConnectionStateChange change = this.client.getLastStateChange();
        Instant now = this.clock.instant();
        boolean draining = this.client.isDraining();
        builder.status(draining ? Status.OUT_OF_SERVICE : status(change.current(), now))
            .withDetail("state", change.current().name())
            .withDetail("since", change.timestamp().toString())
            .withDetail("url", this.client.getServerUrl().toString());
        if (change.current() == ConnectionState.RECONNECTING && change.reconnectDelay() != null) {
            Duration waited = Duration.between(change.timestamp(), now);
            Duration nextRetryIn = change.reconnectDelay().minus(waited);
            builder.withDetail("reconnectAttempt", change.reconnectAttempt())
                .withDetail("nextRetryIn", (nextRetryIn.isNegative() ? Duration.ZERO : nextRetryIn).toString());
        }
        if (draining) {
            builder.withDetail("draining", true);
        }
        ErrorKind error = this.lastError;
        if (error != null) {
            builder.withDetail("lastError", error.name());
        }
    }

    private Status status(ConnectionState state, Instant now) {
        return switch (state) {
            case OPEN -> Status.UP;
            case ERROR -> Status.DOWN;
            case CLOSED -> this.shuttingDown.getAsBoolean() ? Status.OUT_OF_SERVICE : Status.DOWN;
            case AWAITING_CONNECTION, CHALLENGING, AWAITING_AUTHENTICATION, AUTHENTICATING, RECONNECTING ->
                withinGracePeriod(now) ? Status.UNKNOWN : Status.DOWN;
        };
    }

    private boolean withinGracePeriod(Instant now) {
        Instant since = this.notOpenSince;
        return since == null || Duration.between(since, now).compareTo(this.gracePeriod) < 0;
    }

}
