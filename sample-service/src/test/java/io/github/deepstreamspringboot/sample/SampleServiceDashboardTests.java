package io.github.deepstreamspringboot.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard on a freshly started, healthy sample, before any error and before any RPC call: every series a
 * panel relies on exists already (at 0), so no panel shows "No data".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=health,prometheus")
class SampleServiceDashboardTests {

    @LocalServerPort
    private int port;

    @Autowired
    private DeepstreamClient client;

    @Test
    void everyDashboardQueryHasASeriesOnAFreshlyStartedSample() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> this.client.getConnectionState() == ConnectionState.OPEN);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(DashboardMetrics.missingFrom(scrape)).isEmpty();
        assertThat(scrape).contains("deepstream_errors_total{application=\"sample-service\"");
    }

}
