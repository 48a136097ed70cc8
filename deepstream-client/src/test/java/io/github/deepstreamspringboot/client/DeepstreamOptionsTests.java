package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DeepstreamOptions}.
 */
class DeepstreamOptionsTests {

    @Test
    void defaultsSuitAServerSideApplication() {
        DeepstreamOptions options = DeepstreamOptions.defaults();
        assertThat(options.reconnectIntervalIncrement()).isEqualTo(Duration.ofSeconds(4));
        assertThat(options.maxReconnectInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxReconnectAttempts()).isEqualTo(Integer.MAX_VALUE);
        assertThat(options.reconnectJitter()).isZero();
        assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.offlineQueueMaxSize()).isEqualTo(10_000);
        assertThat(options.maxMessageSize()).isEqualTo(1024 * 1024);
        assertThat(options.authParams().get()).isEmpty();
    }

    @Test
    void optionsDoNotChangeWithTheBuilderTheyCameFrom() {
        DeepstreamOptions.Builder builder = DeepstreamOptions.builder().heartbeatInterval(Duration.ofSeconds(5));
        DeepstreamOptions options = builder.build();
        builder.heartbeatInterval(Duration.ofSeconds(9));
        options.toBuilder().maxMessageSize(1234).build();
        assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.maxMessageSize()).isEqualTo(DeepstreamOptions.DEFAULT_MAX_MESSAGE_SIZE);
        assertThat(builder.build().heartbeatInterval()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void toBuilderKeepsEveryValue() {
        DeepstreamOptions options = DeepstreamOptions.builder()
            .reconnectIntervalIncrement(Duration.ofSeconds(1))
            .maxReconnectAttempts(7)
            .reconnectJitter(0.25)
            .offlineQueueMaxAge(Duration.ofMinutes(2))
            .build();
        assertThat(options.toBuilder().build()).usingRecursiveComparison().isEqualTo(options);
    }

    @Test
    void invalidValuesAreRefusedNamingTheOption() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> DeepstreamOptions.builder().reconnectIntervalIncrement(Duration.ofSeconds(-1)).build())
            .withMessageContaining("'reconnectIntervalIncrement' must not be negative");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> DeepstreamOptions.builder().heartbeatInterval(Duration.ZERO).build())
            .withMessageContaining("'heartbeatInterval' must be positive");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> DeepstreamOptions.builder().maxReconnectAttempts(-1).build())
            .withMessageContaining("'maxReconnectAttempts'");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> DeepstreamOptions.builder().reconnectJitter(1.5).build())
            .withMessageContaining("'reconnectJitter' must be between 0 and 1");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> DeepstreamOptions.builder().offlineQueueMaxSize(0).build())
            .withMessageContaining("'offlineQueueMaxSize' must be at least 1");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> DeepstreamOptions.builder().connectTimeout(null).build())
            .withMessageContaining("'connectTimeout'");
    }

    @Test
    void toStringNeverShowsCredentials() {
        DeepstreamOptions options = DeepstreamOptions.builder()
            .authParams(Map.of("username", "alice", "password", "s3cret"))
            .build();
        assertThat(options.toString()).doesNotContain("s3cret").doesNotContain("alice").contains("unlimited");
    }

}
