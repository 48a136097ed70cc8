package io.github.deepstreamspringboot.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics surface, as a user meets it: the table of {@code docs/observability.md} against what the sample's
 * {@code /actuator/prometheus} exposes once every kind of operation has happened (an emit and its delivery, an RPC
 * call made and one answered, a record write with acknowledgement), meter for meter and tag for tag; and the shipped
 * Grafana dashboard against the same scrape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=health,prometheus")
class SampleServiceMetricsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A documented row: {@code | `deepstream_…` | type | `tag`, `tag` | meaning |}. */
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(deepstream_\\w+)` \\| ([a-z ]+) \\|([^|]*)\\|",
            Pattern.MULTILINE);

    /** A sample of the scrape: its name and the text between its braces. */
    private static final Pattern SAMPLE = Pattern.compile("^(deepstream_\\w+)\\{([^}]*)\\}", Pattern.MULTILINE);

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    @Autowired
    private DeepstreamClient client;

    @Autowired
    private LocalDeepstreamServer server;

    @Test
    void prometheusExposesExactlyTheDocumentedMetersAndEveryOneTheDashboardQueries() throws Exception {
        await().atMost(WAIT).until(() -> this.client.getConnectionState() == ConnectionState.OPEN);
        // before any operation, the connection's series exist already (at 0), so its panels show 0, not "No data"
        assertThat(scrape()).contains("deepstream_errors_total{application=\"sample-service\",client=\"deepstream\","
                + "kind=\"CONNECTION_ERROR\"");

        assertThat(send("POST", "/events/sample/greetings", "{\"from\":\"metrics\",\"text\":\"hi\"}")).isEqualTo(202);
        assertThat(send("PUT", "/records/metrics/written", "{\"a\":1}")).isEqualTo(204);
        // a call this service makes (the server may route it to another provider, or find none: both are timed)
        assertThat(send("POST", "/rpc/sample/echo", "{\"message\":\"hi\"}")).isIn(200, 503);
        // and a call it answers
        try (DeepstreamClient caller = DeepstreamClient.create(this.server.binaryUrl())) {
            caller.login(Map.of("username", "sample-service", "password", "sample-secret")).get(10, TimeUnit.SECONDS);
            assertThat(caller.rpc().make("sample/sum", List.of(1, 2), Long.class).get(10, TimeUnit.SECONDS))
                .isEqualTo(3L);
        }

        Map<String, Set<String>> documented = documented();
        assertThat(documented).hasSizeGreaterThan(15);
        // observations stop on the handler and callback threads: wait until every documented meter is there
        await().atMost(WAIT).untilAsserted(() -> assertThat(exposed(scrape(), documented).keySet())
            .containsAll(documented.keySet()));
        String scrape = scrape();
        assertThat(exposed(scrape, documented)).isEqualTo(documented);
        assertThat(DashboardMetrics.missingFrom(scrape)).isEmpty();
    }

    /** @return every meter of the documentation's table, with its tags ({@code client} included) */
    private static Map<String, Set<String>> documented() throws IOException {
        String table = Files.readString(Path.of("../docs/observability.md"));
        Map<String, Set<String>> meters = new TreeMap<>();
        Matcher row = DOCUMENTED.matcher(table);
        while (row.find()) {
            Set<String> tags = new TreeSet<>(Set.of("client"));
            Matcher tag = Pattern.compile("`(\\w+)`").matcher(row.group(3));
            while (tag.find()) {
                tags.add(tag.group(1));
            }
            String type = row.group(2).strip();
            String key = type.endsWith("timer") ? row.group(1) + " (timer)" : row.group(1);
            meters.put(key, tags);
        }
        return meters;
    }

    /**
     * @param scrape the text of {@code /actuator/prometheus}
     * @param documented the documented meters, to tell a timer's samples ({@code _count}, {@code _sum}, {@code _max})
     * @return every {@code deepstream_*} meter of the scrape with the union of its samples' tags, without the
     * application's common tag; a sample that belongs to no documented meter stands for itself
     */
    private static Map<String, Set<String>> exposed(String scrape, Map<String, Set<String>> documented) {
        Map<String, Set<String>> meters = new TreeMap<>();
        Matcher sample = SAMPLE.matcher(scrape);
        while (sample.find()) {
            String name = sample.group(1);
            String timer = name.replaceFirst("_(count|sum|max)$", "") + " (timer)";
            String key = documented.containsKey(timer) ? timer : name;
            Set<String> tags = meters.computeIfAbsent(key, (ignored) -> new TreeSet<>());
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                tags.add(label.group(1));
            }
            tags.remove("application");
        }
        return meters;
    }

    private String scrape() throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private int send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

}
