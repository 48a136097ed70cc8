package io.github.deepstreamspringboot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DeepstreamMetrics}.
 */
class DeepstreamMetricsTests {

    private final StubDeepstreamClient client = new StubDeepstreamClient();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    DeepstreamMetricsTests() {
        new DeepstreamMetrics(Map.of("deepstreamClient", this.client)).bindTo(this.registry);
    }

    private double gauge(String name, String... tags) {
        return this.registry.get(name).tag("client", "deepstream").tags(tags).gauge().value();
    }

    @Test
    void theSeriesADashboardReliesOnExistAtZeroBeforeAnythingHappened() {
        for (String kind : List.of("CONNECTION_ERROR", "HEARTBEAT_TIMEOUT", "MAX_RECONNECTION_ATTEMPTS_REACHED",
                "AUTHENTICATION_TIMEOUT", "TOO_MANY_AUTH_ATTEMPTS", "REAUTHENTICATION_FAILURE")) {
            assertThat(this.registry.get("deepstream.errors").tag("kind", kind).counter().count()).isZero();
        }
        assertThat(this.registry.get("deepstream.record.conflicts").counters()).hasSize(2)
            .allSatisfy((counter) -> assertThat(counter.count()).isZero());
        // an error of a pre-registered kind counts on that series, not on a new one
        this.client.error(new DeepstreamError(ErrorKind.CONNECTION_ERROR, "m", Topic.CONNECTION, Instant.EPOCH));
        assertThat(this.registry.get("deepstream.errors").tag("kind", "CONNECTION_ERROR").counters()).hasSize(1);
        assertThat(this.registry.get("deepstream.errors").tag("kind", "CONNECTION_ERROR").counter().count())
            .isEqualTo(1.0);
    }

    @Test
    void stateGaugeIsOneForTheCurrentStateOnly() {
        this.client.change(ConnectionState.OPEN, Instant.EPOCH);
        assertThat(gauge("deepstream.connection.state", "state", "OPEN")).isEqualTo(1.0);
        assertThat(gauge("deepstream.connection.state", "state", "RECONNECTING")).isZero();
        assertThat(this.registry.get("deepstream.connection.state").gauges()).hasSize(ConnectionState.values().length);
    }

    @Test
    void stateChangesAreCountedByTheStateEntered() {
        this.client.change(ConnectionState.RECONNECTING, Instant.EPOCH, 1, Duration.ZERO);
        this.client.change(ConnectionState.AWAITING_CONNECTION, Instant.EPOCH);
        this.client.change(ConnectionState.RECONNECTING, Instant.EPOCH, 2, Duration.ofSeconds(4));
        assertThat(this.registry.get("deepstream.connection.state.changes").tag("state", "RECONNECTING").counter()
            .count()).isEqualTo(2.0);
    }

    @Test
    void statisticsAreExportedAsCountersAndGauges() {
        assertThat(this.registry.get("deepstream.reconnect.attempts").functionCounter().count()).isEqualTo(3.0);
        assertThat(this.registry.get("deepstream.reconnects").functionCounter().count()).isEqualTo(1.0);
        assertThat(this.registry.get("deepstream.heartbeats.missed").functionCounter().count()).isEqualTo(2.0);
        assertThat(this.registry.get("deepstream.messages.sent").tag("topic", "EVENT").functionCounter().count())
            .isEqualTo(Topic.EVENT.ordinal());
        assertThat(this.registry.get("deepstream.messages.received").tag("topic", "EVENT").functionCounter().count())
            .isEqualTo(10.0 + Topic.EVENT.ordinal());
        assertThat(gauge("deepstream.offline.queue.size")).isEqualTo(7.0);
        assertThat(this.registry.get("deepstream.offline.queue.rejected").functionCounter().count()).isEqualTo(4.0);
        assertThat(this.registry.get("deepstream.handler.dropped").functionCounter().count()).isEqualTo(5.0);
    }

    @Test
    void heartbeatRoundTripsAreTimed() {
        this.client.heartbeat(Duration.ofMillis(20));
        this.client.heartbeat(Duration.ofMillis(40));
        assertThat(this.registry.get("deepstream.heartbeat.round.trip").timer().count()).isEqualTo(2);
        assertThat(this.registry.get("deepstream.heartbeat.round.trip").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS))
            .isEqualTo(40.0);
    }

    @Test
    void recordActivityIsMeasured() {
        this.client.recordEvents(3, "merged");
        assertThat(gauge("deepstream.records.open")).isEqualTo(3.0);
        assertThat(this.registry.get("deepstream.record.conflicts").tag("outcome", "merged").counter().count())
            .isOne();
        assertThat(this.registry.get("deepstream.record.conflicts").tag("outcome", "remote").counter().count())
            .isZero();
    }

    @Test
    void errorsAreCountedByKindAndTopic() {
        this.client.error(new DeepstreamError(ErrorKind.HEARTBEAT_TIMEOUT, "m", Topic.CONNECTION, Instant.EPOCH));
        this.client.error(new DeepstreamError(ErrorKind.HEARTBEAT_TIMEOUT, "m", Topic.CONNECTION, Instant.EPOCH));
        assertThat(this.registry.get("deepstream.errors").tag("kind", "HEARTBEAT_TIMEOUT").tag("topic", "CONNECTION")
            .counter().count()).isEqualTo(2.0);
    }

    @Test
    void everyMeterIsTaggedWithTheClientsName() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new DeepstreamMetrics(Map.of("ordersClient", new StubDeepstreamClient("orders"))).bindTo(registry);
        assertThat(registry.getMeters()).isNotEmpty()
            .allSatisfy((meter) -> assertThat(meter.getId().getTag("client")).isEqualTo("orders"));
    }

    @Test
    void twoClientsOfOneNameFailNamingBothBeans() {
        assertThatIllegalStateException()
            .isThrownBy(() -> new DeepstreamMetrics(new TreeMap<>(Map.of("first", new StubDeepstreamClient(),
                    "second", new StubDeepstreamClient()))))
            .withMessageContaining("'first' and 'second' are both named 'deepstream'")
            .withMessageContaining("DeepstreamOptions.builder().name(");
    }

}
