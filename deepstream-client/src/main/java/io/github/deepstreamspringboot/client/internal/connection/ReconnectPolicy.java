package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The wait before each reconnection attempt, as deepstream documents it: the first attempt after a loss is
 * immediate, each failed attempt adds the increment, up to the maximum; an optional jitter spreads each wait by up to
 * ± that fraction. A pure function of the attempt number (and the random source); thread-safe.
 */
public final class ReconnectPolicy {

    private final Duration increment;

    private final Duration max;

    private final double jitter;

    private final DoubleSupplier random;

    /**
     * Creates a policy.
     * @param increment added per failed attempt
     * @param max upper bound of a wait before jitter
     * @param jitter spread as a fraction, 0 to 1
     * @param random source of numbers in [0, 1)
     */
    public ReconnectPolicy(Duration increment, Duration max, double jitter, DoubleSupplier random) {
        this.increment = increment;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /**
     * Returns the wait before an attempt.
     * @param failedAttempts attempts that failed since the connection was lost (0 for the first attempt)
     * @return the wait
     */
    public Duration delay(int failedAttempts) {
        Duration base = this.increment.multipliedBy(failedAttempts);
        if (base.compareTo(this.max) > 0 || base.isNegative()) {
            base = this.max;
        }
        if (this.jitter == 0.0 || base.isZero()) {
            return base;
        }
        double factor = 1.0 + this.jitter * (2.0 * this.random.getAsDouble() - 1.0);
        return Duration.ofNanos(Math.round(base.toNanos() * factor));
    }

}
