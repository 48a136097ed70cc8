package io.github.deepstreamspringboot.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.deepstreamspringboot.actuate.DeepstreamHealthIndicator;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample starts, and keeps trying, while its deepstream server is unreachable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "deepstream.health.reconnect-grace-period=1h")
class SampleServiceWithoutServerTests {

    @DynamicPropertySource
    static void unreachableServer(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int closedPort = socket.getLocalPort();
            registry.add("deepstream.url", () -> "ws://127.0.0.1:" + closedPort + "/deepstream-json");
        }
    }

    @Autowired
    private DeepstreamClient client;

    @Autowired
    private DeepstreamHealthIndicator health;

    @Autowired(required = false)
    private LocalDeepstreamServer localServer;

    @Test
    void applicationStartsAndTheClientKeepsReconnecting() {
        assertThat(this.localServer).as("no local server when deepstream.url is set").isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> this.client.getStatistics().getReconnectAttempts() >= 2);
        assertThat(this.client.getConnectionState()).isNotIn(ConnectionState.OPEN, ConnectionState.ERROR);
        assertThat(this.health.health(true).getStatus()).isEqualTo(Status.UNKNOWN);
    }

}
