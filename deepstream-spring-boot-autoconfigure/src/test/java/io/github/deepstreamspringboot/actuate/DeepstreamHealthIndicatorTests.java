package io.github.deepstreamspringboot.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Topic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeepstreamHealthIndicator}.
 */
class DeepstreamHealthIndicatorTests {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final StubDeepstreamClient client = new StubDeepstreamClient();

    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    private Instant now = START;

    private final DeepstreamHealthIndicator indicator = new DeepstreamHealthIndicator(this.client, GRACE,
            this.shuttingDown::get, new Clock() {

                @Override
                public Instant instant() {
                    return DeepstreamHealthIndicatorTests.this.now;
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

            });

    private Health health() {
        return this.indicator.health(true);
    }

    @Test
    void healthWhenOpenShouldBeUpWithStateAndMaskedUrl() {
        this.client.change(ConnectionState.OPEN, START);
        Health health = health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "OPEN")
            .containsEntry("url", "ws://****@127.0.0.1:6020/deepstream-json?apiKey=****");
        assertThat(health.toString()).doesNotContain("s3cret").doesNotContain("pw");
    }

    @Test
    void healthWhileDrainingShouldBeOutOfServiceWhateverTheState() {
        this.client.change(ConnectionState.OPEN, START);
        this.client.draining();
        Health health = health();
        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("state", "OPEN").containsEntry("draining", true);
        this.client.change(ConnectionState.RECONNECTING, START, 1, Duration.ofSeconds(4));
        assertThat(health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void healthWhenConnectingWithinTheGracePeriodShouldBeUnknownThenDown() {
        this.client.change(ConnectionState.AWAITING_CONNECTION, START);
        this.now = START.plus(GRACE).minusMillis(1);
        assertThat(health().getStatus()).isEqualTo(Status.UNKNOWN);
        this.now = START.plus(GRACE);
        assertThat(health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void healthWhenReconnectingShouldCountTheGraceFromTheLossAndShowTheNextAttempt() {
        this.client.change(ConnectionState.OPEN, START);
        Instant lost = START.plusSeconds(100);
        this.client.change(ConnectionState.RECONNECTING, lost, 1, Duration.ZERO);
        this.client.change(ConnectionState.AWAITING_CONNECTION, lost);
        this.client.change(ConnectionState.RECONNECTING, lost.plusSeconds(1), 2, Duration.ofSeconds(4));
        this.client.error(new DeepstreamError(ErrorKind.CONNECTION_ERROR, "refused", Topic.CONNECTION, lost));
        this.now = lost.plusSeconds(2);
        Health health = health();
        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails()).containsEntry("state", "RECONNECTING")
            .containsEntry("reconnectAttempt", 2)
            .containsEntry("nextRetryIn", "PT3S")
            .containsEntry("lastError", "CONNECTION_ERROR");
        this.now = lost.plus(GRACE);
        assertThat(health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void healthWhenErrorShouldBeDown() {
        this.client.change(ConnectionState.ERROR, START);
        assertThat(health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void healthWhenClosedShouldBeDownUnlessTheApplicationIsShuttingDown() {
        this.client.change(ConnectionState.OPEN, START);
        this.client.change(ConnectionState.CLOSED, START);
        assertThat(health().getStatus()).isEqualTo(Status.DOWN);
        this.shuttingDown.set(true);
        assertThat(health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

}
