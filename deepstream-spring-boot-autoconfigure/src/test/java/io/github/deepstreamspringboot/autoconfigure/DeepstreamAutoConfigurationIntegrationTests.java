package io.github.deepstreamspringboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import io.github.deepstreamspringboot.actuate.DeepstreamHealthIndicator;
import io.github.deepstreamspringboot.autoconfigure.health.DeepstreamHealthContributorAutoConfiguration;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.EachTransport;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured client against a real deepstream server with file auth: login on ready, application events,
 * graceful shutdown, and the local development server.
 */
@ExtendWith(OutputCaptureExtension.class)
@EachTransport
class DeepstreamAutoConfigurationIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(
            LocalDeepstreamServer.builder().user("svc", "right-password", Map.of("role", "service")));

    private final ApplicationContextRunner runner;

    DeepstreamAutoConfigurationIntegrationTests(TransportType transport) {
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DeepstreamDevServerAutoConfiguration.class,
                DeepstreamAutoConfiguration.class, DeepstreamHealthContributorAutoConfiguration.class))
            .withUserConfiguration(EventsConfiguration.class)
            .withPropertyValues("deepstream.transport=" + transport);
    }

    private static void ready(ConfigurableApplicationContext context) {
        context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
    }

    @Test
    void logsInWhenReadyAndPublishesStateAndLoginEvents() {
        this.runner.withPropertyValues("deepstream.url=" + server.server().binaryUrl(), "deepstream.auth.username=svc",
                "deepstream.auth.password=right-password")
            .run((context) -> {
                DeepstreamClient client = context.getBean(DeepstreamClient.class);
                ready(context);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
                Events events = context.getBean(Events.class);
                await().until(() -> events.logins.size() == 1);
                assertThat(events.logins.get(0).getResult().success()).isTrue();
                assertThat(events.logins.get(0).getResult().clientData().get("role").stringValue()).isEqualTo("service");
                assertThat(events.states).startsWith(ConnectionState.AWAITING_CONNECTION).endsWith(ConnectionState.OPEN);
                assertThat(context.getBean(DeepstreamHealthIndicator.class).health(true).getStatus())
                    .isEqualTo(Status.UP);
            });
    }

    @Test
    void refusedLoginIsLoggedWithoutTheCredentialsAndPublished(CapturedOutput output) {
        this.runner.withPropertyValues("deepstream.url=" + server.server().binaryUrl(), "deepstream.auth.username=svc",
                "deepstream.auth.password=wrong-password")
            .run((context) -> {
                ready(context);
                Events events = context.getBean(Events.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> events.logins.size() == 1);
                assertThat(events.logins.get(0).getResult().success()).isFalse();
                await().until(() -> output.getAll().contains("was refused by the server"));
                assertThat(context.getBean(DeepstreamClient.class).getConnectionState())
                    .isEqualTo(ConnectionState.AWAITING_AUTHENTICATION);
            });
        assertThat(output.getAll()).doesNotContain("wrong-password");
    }

    @Test
    void closesTheClientWhenTheContextStopsAndReportsOutOfService() {
        this.runner.withPropertyValues("deepstream.url=" + server.server().binaryUrl(), "deepstream.auth.username=svc",
                "deepstream.auth.password=right-password")
            .run((context) -> {
                DeepstreamClient client = context.getBean(DeepstreamClient.class);
                DeepstreamHealthIndicator health = context.getBean(DeepstreamHealthIndicator.class);
                ready(context);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
                context.close();
                assertThat(client.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
                assertThat(health.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            });
    }

    @Test
    void devServerStartsALocalServerWhenNoUrlIsSetAndAcceptsTheConfiguredUser() {
        this.runner.withPropertyValues("deepstream.dev-server.enabled=true", "deepstream.auth.username=dev",
                "deepstream.auth.password=dev-password")
            .run((context) -> {
                LocalDeepstreamServer local = context.getBean(LocalDeepstreamServer.class);
                assertThat(local.isRunning()).isTrue();
                DeepstreamClient client = context.getBean(DeepstreamClient.class);
                assertThat(client.getServerUrl().uri().getPort()).isEqualTo(local.port());
                assertThat(client.getServerUrl().uri().getPath()).isEqualTo("/deepstream");
                assertThat(client.getServerUrl().protocol()).isEqualTo(WireProtocol.BINARY);
                ready(context);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
                context.close();
                assertThat(local.isRunning()).isFalse();
            });
    }

    @Test
    void devServerHandsOutItsJsonEndpointWhenTheProtocolIsJson() {
        this.runner.withPropertyValues("deepstream.dev-server.enabled=true", "deepstream.protocol=json",
                "deepstream.auth.username=dev", "deepstream.auth.password=dev-password")
            .run((context) -> {
                DeepstreamClient client = context.getBean(DeepstreamClient.class);
                assertThat(client.getServerUrl().uri().getPath()).isEqualTo("/deepstream-json");
                assertThat(client.getServerUrl().protocol()).isEqualTo(WireProtocol.JSON);
                ready(context);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
            });
    }

    @Test
    void devServerStaysOffWhenAUrlIsSet() {
        this.runner.withPropertyValues("deepstream.dev-server.enabled=true",
                "deepstream.url=" + server.server().binaryUrl())
            .run((context) -> assertThat(context).doesNotHaveBean(LocalDeepstreamServer.class)
                .hasSingleBean(DeepstreamClient.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class EventsConfiguration {

        @Bean
        Events events() {
            return new Events();
        }

    }

    static class Events {

        final List<ConnectionState> states = new CopyOnWriteArrayList<>();

        final List<DeepstreamLoginEvent> logins = new CopyOnWriteArrayList<>();

        @EventListener
        void onState(DeepstreamConnectionStateChangedEvent event) {
            this.states.add(event.getChange().current());
        }

        @EventListener
        void onLogin(DeepstreamLoginEvent event) {
            this.logins.add(event);
        }

    }

}
