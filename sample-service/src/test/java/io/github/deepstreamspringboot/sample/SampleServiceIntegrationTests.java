package io.github.deepstreamspringboot.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import io.github.deepstreamspringboot.autoconfigure.DeepstreamConnectionStateChangedEvent;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running sample against the local deepstream server it starts itself: health, Prometheus metrics and state
 * events while the server is killed, restarted, frozen and resumed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "deepstream.heartbeat-interval=500ms", "deepstream.connect-timeout=1s",
                "deepstream.reconnect-interval-increment=200ms", "deepstream.max-reconnect-interval=1s",
                "deepstream.health.reconnect-grace-period=1s",
                "management.endpoints.web.exposure.include=health,prometheus,configprops" })
@ExtendWith(OutputCaptureExtension.class)
class SampleServiceIntegrationTests {

    private static final String PASSWORD = "sample-secret";

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private DeepstreamClient client;

    @Autowired
    private LocalDeepstreamServer server;

    @Autowired
    private StateEvents events;

    @Test
    void healthMetricsAndEventsFollowTheServerGoingDownAndUp(CapturedOutput output) throws Exception {
        await().atMost(WAIT).until(() -> this.client.getConnectionState() == ConnectionState.OPEN);
        // like a stock server, the sample's dev server is spoken to on its binary endpoint
        assertThat(this.client.getServerUrl().uri().getPath()).isEqualTo("/deepstream");
        assertThat(this.client.getServerUrl().protocol()).isEqualTo(WireProtocol.BINARY);
        await().atMost(WAIT).until(() -> "UP".equals(deepstreamHealth()));
        assertThat(this.events.states()).contains(ConnectionState.AWAITING_CONNECTION, ConnectionState.OPEN);
        assertThat(metric("deepstream_connection_state", "state=\"OPEN\"")).isEqualTo(1.0);
        // the sample opens sample/status and sample/greeters
        await().atMost(WAIT).until(() -> metric("deepstream_records_open", "") == 2.0);

        this.server.kill();
        await().atMost(WAIT).until(() -> "DOWN".equals(deepstreamHealth()));
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> metric("deepstream_reconnect_attempts_total", "") >= 2);
        assertThat(metric("deepstream_connection_state", "state=\"OPEN\"")).isZero();
        assertThat(this.events.states()).contains(ConnectionState.RECONNECTING);

        this.server.start();
        await().atMost(WAIT).until(() -> "UP".equals(deepstreamHealth()));
        await().atMost(WAIT).until(() -> metric("deepstream_reconnects_total", "") == 1.0);

        this.server.pause();
        try {
            await().atMost(WAIT).until(() -> metric("deepstream_heartbeats_missed_total", "") >= 2);
            await().atMost(WAIT).until(() -> metric("deepstream_errors_total", "kind=\"HEARTBEAT_TIMEOUT\"") >= 1);
        }
        finally {
            this.server.resume();
        }
        await().atMost(WAIT).until(() -> "UP".equals(deepstreamHealth()));
        await().atMost(WAIT).until(() -> metric("deepstream_reconnects_total", "") == 2.0);

        // the providers are back after the reconnections
        try (DeepstreamClient caller = DeepstreamClient.create(this.server.binaryUrl())) {
            caller.login(java.util.Map.of("username", "sample-service", "password", PASSWORD)).get(10,
                    java.util.concurrent.TimeUnit.SECONDS);
            // the sample provides again right after its new login: wait until the server has it
            await().atMost(WAIT).ignoreExceptions().until(() -> caller.rpc().make("sample/sum", List.of(1, 2),
                    Long.class).get(10, java.util.concurrent.TimeUnit.SECONDS) == 3L);
        }
        assertThat(get("/actuator/health").body()).doesNotContain(PASSWORD);
        assertThat(get("/actuator/configprops").body()).contains("deepstream").doesNotContain(PASSWORD);
        assertThat(get("/actuator/prometheus").body()).doesNotContain(PASSWORD);
        assertThat(output.getAll()).contains("deepstream login").doesNotContain(PASSWORD);
    }

    private String deepstreamHealth() throws IOException, InterruptedException {
        JsonNode health = this.json.readTree(get("/actuator/health").body());
        JsonNode deepstream = health.path("components").path("deepstream");
        return deepstream.path("status").asString();
    }

    private double metric(String name, String label) throws IOException, InterruptedException {
        Pattern line = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(get("/actuator/prometheus").body());
        double sum = 0;
        while (matcher.find()) {
            if (matcher.group(1).contains(label)) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class StateEventsConfiguration {

        @Bean
        StateEvents stateEvents() {
            return new StateEvents();
        }

    }

    static class StateEvents {

        private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

        @EventListener
        void onStateChanged(DeepstreamConnectionStateChangedEvent event) {
            this.states.add(event.getChange().current());
        }

        List<ConnectionState> states() {
            return this.states;
        }

    }

}
