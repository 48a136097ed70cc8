package io.github.deepstreamspringboot.autoconfigure;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.devserver.TlsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deepstream.ssl.*} with Spring Boot SSL bundles, against the real server serving TLS with a certificate of a
 * throw-away CA.
 */
class DeepstreamSslAutoConfigurationTests {

    @RegisterExtension
    static final TlsServerExtension tls = new TlsServerExtension();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DeepstreamAutoConfiguration.class));

    @Test
    void aBundleWithTheServersCaLetsTheClientLogInOverWss() {
        this.runner.withPropertyValues("deepstream.url=" + tls.server().binaryUrl(), "deepstream.ssl.bundle=ds",
                "spring.ssl.bundle.pem.ds.truststore.certificate=file:" + tls.certificates().caFile())
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
        this.runner.withPropertyValues("deepstream.url=" + tls.server().binaryUrl(), "deepstream.ssl.bundle=missing")
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
