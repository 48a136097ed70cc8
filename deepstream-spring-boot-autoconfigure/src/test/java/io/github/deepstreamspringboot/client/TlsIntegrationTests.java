package io.github.deepstreamspringboot.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;
import io.github.deepstreamspringboot.devserver.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code wss://} against the real server serving TLS with a certificate from a throw-away CA, made for the test run
 * (subject alternative name IP 127.0.0.1 only).
 */
class TlsIntegrationTests {

    private static Path folder;

    private static TestCertificates certificates;

    private static LocalDeepstreamServer server;

    @BeforeAll
    static void start() throws Exception {
        folder = Files.createTempDirectory("deepstream-tls-");
        certificates = TestCertificates.create(folder, "ip:127.0.0.1");
        server = LocalDeepstreamServer.builder().tls(certificates.tls()).build().start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
    }

    @Test
    void aClientTrustingTheCaLogsInOverWss() throws Exception {
        assertThat(server.binaryUrl()).startsWith("wss://127.0.0.1:");
        DeepstreamOptions options = DeepstreamOptions.builder().sslContext(certificates.trustingTheCa()).build();
        try (DeepstreamClient client = DeepstreamClient.create(server.binaryUrl(), options)) {
            assertThat(client.login(Map.of("username", "tls")).get(10, TimeUnit.SECONDS).success()).isTrue();
            assertThat(client.getConnectionState()).isEqualTo(ConnectionState.OPEN);
        }
    }

    @Test
    void anUntrustedCertificateFailsWithAConnectionErrorThatNamesTheTlsProblem() {
        // the JVM's default trust store does not know the test CA
        assertConnectionErrorMentions(server.binaryUrl(), DeepstreamOptions.builder(), "certificate");
    }

    @Test
    void aHostNameTheCertificateDoesNotNameFailsTheSameWay() {
        String byName = server.binaryUrl().replace("127.0.0.1", "localhost");
        assertConnectionErrorMentions(byName, DeepstreamOptions.builder().sslContext(certificates.trustingTheCa()),
                "localhost");
    }

    private static void assertConnectionErrorMentions(String url, DeepstreamOptions.Builder options, String text) {
        try (DeepstreamClient client = DeepstreamClient.create(url, options.build())) {
            ClientRecorder recorder = new ClientRecorder(client);
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.errors().stream()
                .anyMatch((error) -> error.kind() == ErrorKind.CONNECTION_ERROR));
            DeepstreamError error = recorder.errors().stream()
                .filter((candidate) -> candidate.kind() == ErrorKind.CONNECTION_ERROR)
                .findFirst()
                .orElseThrow();
            assertThat(error.message()).containsIgnoringCase("TLS").containsIgnoringCase(text);
            assertThat(client.getConnectionState()).isNotEqualTo(ConnectionState.OPEN);
        }
    }

}
