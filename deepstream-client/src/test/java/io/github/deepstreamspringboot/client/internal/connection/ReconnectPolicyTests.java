package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReconnectPolicy}.
 */
class ReconnectPolicyTests {

    private static final Duration INCREMENT = Duration.ofSeconds(4);

    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void firstAttemptIsImmediateThenEachFailureAddsTheIncrementUpToTheMaximum() {
        ReconnectPolicy policy = new ReconnectPolicy(INCREMENT, MAX, 0.0, () -> 0.9);
        long[] expectedSeconds = { 0, 4, 8, 12, 16, 20, 24, 28, 30, 30 };
        for (int attempt = 0; attempt < expectedSeconds.length; attempt++) {
            assertThat(policy.delay(attempt)).as("attempt %d", attempt).hasSeconds(expectedSeconds[attempt]);
        }
        assertThat(policy.delay(Integer.MAX_VALUE)).isEqualTo(MAX);
    }

    @Test
    void jitterSpreadsEachWaitByUpToTheFractionEitherWay() {
        assertThat(new ReconnectPolicy(INCREMENT, MAX, 0.5, () -> 0.0).delay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new ReconnectPolicy(INCREMENT, MAX, 0.5, () -> 0.5).delay(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(new ReconnectPolicy(INCREMENT, MAX, 0.5, () -> 0.75).delay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(new ReconnectPolicy(INCREMENT, MAX, 0.5, () -> 0.75).delay(10)).isEqualTo(Duration.ofSeconds(37).plusMillis(500));
    }

    @Test
    void jitterNeverDelaysTheImmediateFirstAttempt() {
        assertThat(new ReconnectPolicy(INCREMENT, MAX, 1.0, () -> 0.99).delay(0)).isZero();
    }

}
