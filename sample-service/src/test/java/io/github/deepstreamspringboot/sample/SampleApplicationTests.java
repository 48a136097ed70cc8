package io.github.deepstreamspringboot.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample starts its own local deepstream server and logs in to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

    @Autowired
    private DeepstreamClient client;

    @Autowired
    private LocalDeepstreamServer server;

    @Test
    void connectsToItsLocalServerAndLogsIn() {
        assertThat(this.server.isRunning()).isTrue();
        assertThat(this.client.getServerUrl().uri().getPort()).isEqualTo(this.server.port());
        await().atMost(Duration.ofSeconds(30)).until(() -> this.client.getConnectionState() == ConnectionState.OPEN);
    }

}
