package io.github.deepstreamspringboot.devserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalDeepstreamServer}: the real server's lifecycle.
 */
class LocalDeepstreamServerTests {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void stopsKillsAndRestartsOnTheSamePort() throws Exception {
        try (LocalDeepstreamServer server = LocalDeepstreamServer.builder().build()) {
            server.start();
            int port = server.port();
            assertThat(port).isPositive();
            assertThat(healthStatus(port)).isEqualTo(200);
            assertThat(server.jsonUrl()).isEqualTo("ws://127.0.0.1:" + port + "/deepstream-json");

            server.restart();
            assertThat(server.port()).isEqualTo(port);
            assertThat(healthStatus(port)).isEqualTo(200);

            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThat(healthStatus(port)).isEqualTo(-1);

            server.start();
            assertThat(server.port()).isEqualTo(port);
            assertThat(healthStatus(port)).isEqualTo(200);
            assertThat(Files.readString(server.logFile())).contains("Deepstream started");

            server.stop();
            assertThat(server.isRunning()).isFalse();
        }
    }

    private int healthStatus(int port) throws InterruptedException {
        try {
            return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health-check")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (java.io.IOException ex) {
            return -1;
        }
    }

}
