package io.github.deepstreamspringboot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;
import io.github.deepstreamspringboot.devserver.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deepstream.ssl.*} with Spring Boot SSL bundles, against the real server serving TLS with a certificate of a
 * throw-away CA.
 */
class DeepstreamSslAutoConfigurationTests {

    private static Path folder;

    private static TestCertificates certificates;

    private static LocalDeepstreamServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DeepstreamAutoConfiguration.class));

    @BeforeAll
    static void start() throws Exception {
        folder = Files.createTempDirectory("deepstream-ssl-bundle-");
        certificates = TestCertificates.create(folder, "ip:127.0.0.1");
        server = LocalDeepstreamServer.builder().tls(certificates.tls()).build().start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
    }

    @Test
    void aBundleWithTheServersCaLetsTheClientLogInOverWss() {
        this.runner.withPropertyValues("deepstream.url=" + server.binaryUrl(), "deepstream.ssl.bundle=ds",
                "spring.ssl.bundle.pem.ds.truststore.certificate=file:" + certificates.caFile())
            .run((context) -> {
                assertThat(context).hasNotFailed();
                DeepstreamClient client = context.getBean(DeepstreamClient.class);
                assertThat(client.login(Map.of("username", "bundle")).get(10, TimeUnit.SECONDS).success()).isTrue();
                assertThat(client.getConnectionState()).isEqualTo(ConnectionState.OPEN);
            });
    }

    @Test
    void aWsUrlWithTlsOnFailsStartUp() {
        this.runner.withPropertyValues("deepstream.url=ws://127.0.0.1:9", "deepstream.ssl.enabled=true")
            .run((context) -> assertThat(analyze(context.getStartupFailure()).getDescription())
                .contains("'deepstream.url'")
                .contains("does not use it"));
    }

    @Test
    void anUnknownBundleFailsStartUpNamingTheProperty() {
        this.runner.withPropertyValues("deepstream.url=" + server.binaryUrl(), "deepstream.ssl.bundle=missing")
            .run((context) -> assertThat(analyze(context.getStartupFailure()).getDescription())
                .contains("'deepstream.ssl.bundle'")
                .contains("no SSL bundle named 'missing'"));
    }

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new DeepstreamPropertyFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }

}
