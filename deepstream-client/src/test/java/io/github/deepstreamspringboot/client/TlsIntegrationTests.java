package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.devserver.TlsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code wss://} against the real server serving TLS with a certificate from a throw-away CA, made for the test run
 * (subject alternative name IP 127.0.0.1 only).
 */
@EachTransport
class TlsIntegrationTests {

    @RegisterExtension
    static final TlsServerExtension tls = new TlsServerExtension();

    private final TransportType transport;

    TlsIntegrationTests(TransportType transport) {
        this.transport = transport;
    }

    /** @return options for a client of this test: the transport it runs on */
    private DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().transport(this.transport);
    }

    @Test
    void aClientTrustingTheCaLogsInOverWss() throws Exception {
        assertThat(tls.server().binaryUrl()).startsWith("wss://127.0.0.1:");
        DeepstreamOptions options = options()
            .sslContext(tls.certificates().trustingTheCa())
            .build();
        try (DeepstreamClient client = DeepstreamClient.create(tls.server().binaryUrl(), options)) {
            assertThat(client.login(Map.of("username", "tls")).get(10, TimeUnit.SECONDS).success()).isTrue();
            assertThat(client.getConnectionState()).isEqualTo(ConnectionState.OPEN);
        }
    }

    @Test
    void anUntrustedCertificateFailsWithAConnectionErrorThatNamesTheTlsProblem() {
        // the JVM's default trust store does not know the test CA
        assertConnectionErrorMentions(tls.server().binaryUrl(), options(), "certificate");
    }

    @Test
    void aHostNameTheCertificateDoesNotNameFailsTheSameWay() {
        String byName = tls.server().binaryUrl().replace("127.0.0.1", "localhost");
        assertConnectionErrorMentions(byName, options().sslContext(tls.certificates().trustingTheCa()),
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
