package io.github.deepstreamspringboot.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.deepstreamspringboot.actuate.DeepstreamHealthIndicator;
import io.github.deepstreamspringboot.annotation.DeepstreamRpcProvider;
import io.github.deepstreamspringboot.autoconfigure.health.DeepstreamHealthContributorAutoConfiguration;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.EachTransport;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer.Endpoint;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter against a server configured like a stock deepstream server, which serves only {@code /deepstream}
 * (binary) and no {@code ws-json} at all: {@code deepstream.url} without a path is the only setting it needs.
 */
@EachTransport
class StockDeepstreamServerIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder()
        .endpoints(Endpoint.WS_BINARY)
        .user("svc", "svc-password", Map.of()));

    private final ApplicationContextRunner runner;

    StockDeepstreamServerIntegrationTests(TransportType transport) {
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DeepstreamAutoConfiguration.class,
                DeepstreamHealthContributorAutoConfiguration.class))
            .withUserConfiguration(Handlers.class)
            .withPropertyValues("deepstream.transport=" + transport);
    }

    @Test
    void aUrlWithoutPathLogsInOnTheBinaryEndpointAndServes() {
        this.runner.withPropertyValues("deepstream.url=ws://127.0.0.1:" + server.server().port(),
                "deepstream.auth.username=svc", "deepstream.auth.password=svc-password")
            .run((context) -> {
                DeepstreamClient client = context.getBean(DeepstreamClient.class);
                assertThat(client.getServerUrl().uri().getPath()).isEqualTo("/deepstream");
                assertThat(client.getServerUrl().protocol()).isEqualTo(WireProtocol.BINARY);
                context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context,
                        Duration.ZERO));
                await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
                assertThat(context.getBean(DeepstreamHealthIndicator.class).health(true).getStatus())
                    .isEqualTo(Status.UP);
                try (DeepstreamClient caller = DeepstreamClient.create("ws://127.0.0.1:" + server.server().port())) {
                    caller.login(Map.of("username", "svc", "password", "svc-password")).get(10, TimeUnit.SECONDS);
                    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(
                            () -> caller.rpc().make("stock/twice", 21, Integer.class).get(5, TimeUnit.SECONDS),
                            (answer) -> answer == 42);
                }
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class Handlers {

        @Bean
        Twice twice() {
            return new Twice();
        }

    }

    static class Twice {

        @DeepstreamRpcProvider("stock/twice")
        int twice(int value) {
            return value * 2;
        }

    }

}
