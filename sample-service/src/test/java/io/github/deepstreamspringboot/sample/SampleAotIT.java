package io.github.deepstreamspringboot.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample built with Spring's AOT processing ({@code mvn -Paot verify}, which runs this after packaging) and
 * started in AOT mode, as a native image would run it, against the local server it starts itself: health UP, the
 * annotated RPC provider answers, the annotated event listener receives.
 */
class SampleAotIT {

    private static final Path JAR = Path.of("target", "sample-service.jar");

    private static final Path METADATA = Path.of("target", "spring-aot", "main", "resources", "META-INF",
            "native-image", "io.github.deepstreamspringboot", "sample-service", "reachability-metadata.json");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theAotBuiltSampleRunsInAotModeWithItsAnnotatedHandlers() throws Exception {
        assertThat(JAR).exists();
        try (ForkedSample sample = ForkedSample.startJar("aot", JAR, List.of("-Dspring.aot.enabled=true"))) {
            // only an AOT-processed application starts with spring.aot.enabled: this one is
            assertThat(sample.output()).contains("Starting AOT-processed SampleApplication");
            JsonNode health = JsonMapper.builder().build().readTree(get(sample, "/actuator/health").body());
            assertThat(health.path("components").path("deepstream").path("status").asString()).isEqualTo("UP");

            // the sample calls its own annotated provider sample/echo through the server
            HttpResponse<String> echo = post(sample, "/rpc/sample/echo", "{\"message\":\"from aot\"}");
            assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);
            assertThat(echo.body()).contains("\"message\":\"from aot\"").contains("answeredAt");

            // an event to its annotated listener, which logs it
            assertThat(post(sample, "/events/sample/greetings", "{\"from\":\"aot-test\",\"text\":\"hi\"}")
                .statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> sample.output().contains("from aot-test: hi"));
            assertThat(sample.warnings()).isEmpty();
        }
    }

    /** What a native image would be built with: the metadata that Spring's AOT processing wrote for the sample. */
    @Test
    void theGeneratedReachabilityMetadataHoldsTheHintsOfTheHandlersTheClientAndTheLocalServer() throws Exception {
        JsonNode metadata = JsonMapper.builder().build().readTree(METADATA.toFile());
        List<String> types = metadata.path("reflection").valueStream()
            .map((type) -> type.path("type").asString())
            .toList();
        assertThat(types).contains(SampleHandlers.class.getName(), SampleHandlers.Echo.class.getName(),
                SampleHandlers.Greeting.class.getName(), "org.apache.tomcat.websocket.WsSession",
                "org.apache.tomcat.websocket.AsyncChannelWrapperNonSecure");
        assertThat(metadata.path("resources").valueStream().map((resource) -> resource.path("glob").asString()))
            .contains("io/github/deepstreamspringboot/devserver/npm/**");
    }

    private HttpResponse<String> get(ForkedSample sample, String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(uri(sample, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ForkedSample sample, String path, String json) throws Exception {
        return this.http.send(HttpRequest.newBuilder(uri(sample, path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ForkedSample sample, String path) {
        return URI.create("http://127.0.0.1:" + sample.port() + path);
    }

}
