package io.github.deepstreamspringboot.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.github.deepstreamspringboot.actuate.DeepstreamHealthIndicator;
import io.github.deepstreamspringboot.actuate.DeepstreamMetrics;
import io.github.deepstreamspringboot.autoconfigure.health.DeepstreamHealthContributorAutoConfiguration;
import io.github.deepstreamspringboot.autoconfigure.metrics.DeepstreamMetricsAutoConfiguration;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.client.internal.observation.DeepstreamObservations;
import io.github.deepstreamspringboot.client.observation.DefaultRpcObservationConvention;
import io.github.deepstreamspringboot.client.observation.RpcObservationConvention;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DeepstreamAutoConfiguration} and the health and metrics auto-configurations. The client points at
 * a closed loopback port: these tests check wiring, not traffic.
 */
class DeepstreamAutoConfigurationTests {

    private static final String URL = "deepstream.url=ws://127.0.0.1:9/deepstream-json";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DeepstreamAutoConfiguration.class,
                DeepstreamHealthContributorAutoConfiguration.class, DeepstreamMetricsAutoConfiguration.class));

    @Test
    void theAutoConfigurationMetadataLetsBootSkipTheDevServerWithoutItsModule() throws Exception {
        // written by spring-boot-autoconfigure-processor; Boot reads it before it loads an auto-configuration class
        Properties metadata = new Properties();
        try (InputStream in = getClass().getClassLoader()
            .getResourceAsStream("META-INF/spring-autoconfigure-metadata.properties")) {
            assertThat(in).isNotNull();
            metadata.load(in);
        }
        assertThat(metadata.getProperty(DeepstreamDevServerAutoConfiguration.class.getName() + ".ConditionalOnClass"))
            .isEqualTo(LocalDeepstreamServer.class.getName());
    }

    @Test
    void runWithUrlShouldCreateTheClientAndItsCollaborators() {
        this.runner.withPropertyValues(URL).run((context) -> {
            assertThat(context).hasSingleBean(DeepstreamClient.class)
                .hasBean("deepstreamClient")
                .hasSingleBean(DeepstreamClientLifecycle.class)
                .hasSingleBean(DeepstreamStartupLogin.class)
                .hasSingleBean(DeepstreamApplicationEventsCustomizer.class)
                .hasSingleBean(DeepstreamHealthIndicator.class)
                .doesNotHaveBean(DeepstreamMetrics.class);
            assertThat(context.getBean(DeepstreamClient.class).getServerUrl().uri().getPort()).isEqualTo(9);
        });
    }

    @Test
    void clientShouldConnectOnceTheApplicationHasStartedNotWithTheContext() {
        this.runner.withPropertyValues(URL, "deepstream.login-on-startup=false").run((context) -> {
            DeepstreamClient client = context.getBean(DeepstreamClient.class);
            // the context is refreshed and started: nothing connects yet, so start-up does not pay for the socket
            // (connecting to the closed port leaves CLOSED within milliseconds, which is what used to happen here)
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> client.getConnectionState() == ConnectionState.CLOSED);
            context.publishEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0], context,
                    Duration.ZERO));
            await().atMost(Duration.ofSeconds(5)).until(() -> client.getConnectionState() != ConnectionState.CLOSED);
        });
    }

    @Test
    void propertiesShouldBindIntoTheClientOptions() {
        this.runner.withPropertyValues(URL, "deepstream.reconnect-interval-increment=2s",
                "deepstream.max-reconnect-interval=1m", "deepstream.max-reconnect-attempts=5",
                "deepstream.reconnect-jitter=0.3", "deepstream.heartbeat-interval=15s",
                "deepstream.connect-timeout=3s", "deepstream.request-timeout=4s", "deepstream.max-message-size=2MB",
                "deepstream.offline-queue.max-size=100", "deepstream.offline-queue.max-age=5m",
                "deepstream.backlog.max-size=8MB", "deepstream.backlog.max-wait=250ms",
                "deepstream.handler.max-pending=500", "deepstream.auth.username=alice", "deepstream.auth.password=s3cret",
                "deepstream.record.merge-strategy=local-wins", "deepstream.record.discard-timeout=5s")
            .run((context) -> {
                DeepstreamOptions options = context.getBean(DeepstreamOptions.class);
                assertThat(options.reconnectIntervalIncrement()).isEqualTo(Duration.ofSeconds(2));
                assertThat(options.maxReconnectInterval()).isEqualTo(Duration.ofMinutes(1));
                assertThat(options.maxReconnectAttempts()).isEqualTo(5);
                assertThat(options.reconnectJitter()).isEqualTo(0.3);
                assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
                assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
                assertThat(options.maxMessageSize()).isEqualTo(2 * 1024 * 1024);
                assertThat(options.offlineQueueMaxSize()).isEqualTo(100);
                assertThat(options.offlineQueueMaxAge()).isEqualTo(Duration.ofMinutes(5));
                assertThat(options.backlogMaxSize()).isEqualTo(8 * 1024 * 1024);
                assertThat(options.backlogMaxWait()).isEqualTo(Duration.ofMillis(250));
                assertThat(options.handlerMaxPending()).isEqualTo(500);
                assertThat(options.authParams().get()).isEqualTo(Map.of("username", "alice", "password", "s3cret"));
                assertThat(options.autoConnect()).isFalse();
                assertThat(options.mergeStrategy()).isSameAs(io.github.deepstreamspringboot.client.record.MergeStrategy.LOCAL_WINS);
                assertThat(options.recordDiscardTimeout()).isEqualTo(Duration.ofSeconds(5));
                assertThat(context.getBean(DeepstreamAuthParamsSupplier.class).toString()).doesNotContain("s3cret");
            });
    }

    @Test
    void protocolShouldDefaultToAutoAndAUrlWithoutPathShouldSpeakBinaryToTheStockEndpoint() {
        this.runner.withPropertyValues("deepstream.url=ws://127.0.0.1:9").run((context) -> {
            assertThat(context.getBean(DeepstreamOptions.class).protocol()).isEqualTo(WireProtocol.AUTO);
            ServerUrl url = context.getBean(DeepstreamClient.class).getServerUrl();
            assertThat(url.uri().getPath()).isEqualTo("/deepstream");
            assertThat(url.protocol()).isEqualTo(WireProtocol.BINARY);
        });
    }

    @Test
    void transportShouldDefaultToAutoAndBind() {
        this.runner.withPropertyValues(URL).run((context) -> assertThat(
                context.getBean(DeepstreamOptions.class).transport()).isEqualTo(TransportType.AUTO));
        this.runner.withPropertyValues(URL, "deepstream.transport=reactor-netty").run((context) -> assertThat(
                context.getBean(DeepstreamOptions.class).transport()).isEqualTo(TransportType.REACTOR_NETTY));
    }

    @Test
    void aReactiveWebApplicationShouldPutAnAutoTransportOnReactorNettyUnlessToldOtherwise() {
        ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DeepstreamAutoConfiguration.class));
        reactive.withPropertyValues(URL).run((context) -> assertThat(
                context.getBean(DeepstreamOptions.class).transport()).isEqualTo(TransportType.REACTOR_NETTY));
        reactive.withPropertyValues(URL, "deepstream.transport=standard").run((context) -> assertThat(
                context.getBean(DeepstreamOptions.class).transport()).isEqualTo(TransportType.STANDARD));
        reactive.withPropertyValues(URL)
            .withBean(DeepstreamOptionsBuilderCustomizer.class,
                    () -> (builder) -> builder.transport(TransportType.STANDARD))
            .run((context) -> assertThat(context.getBean(DeepstreamOptions.class).transport())
                .isEqualTo(TransportType.STANDARD));
    }

    @Test
    void protocolShouldBindAndDecideThePathOfAUrlWithoutOne() {
        this.runner.withPropertyValues("deepstream.url=ws://127.0.0.1:9", "deepstream.protocol=json").run((context) -> {
            assertThat(context.getBean(DeepstreamOptions.class).protocol()).isEqualTo(WireProtocol.JSON);
            ServerUrl url = context.getBean(DeepstreamClient.class).getServerUrl();
            assertThat(url.uri().getPath()).isEqualTo("/deepstream-json");
            assertThat(url.protocol()).isEqualTo(WireProtocol.JSON);
        });
        this.runner.withPropertyValues("deepstream.url=ws://127.0.0.1:9/deepstream-json", "deepstream.protocol=BINARY")
            .run((context) -> assertThat(context.getBean(DeepstreamClient.class).getServerUrl().protocol())
                .isEqualTo(WireProtocol.BINARY));
        this.runner.withPropertyValues(URL).run((context) -> assertThat(
                context.getBean(DeepstreamClient.class).getServerUrl().protocol()).isEqualTo(WireProtocol.JSON));
    }

    @Test
    void unknownProtocolShouldFailStartUpNamingTheProperty() {
        this.runner.withPropertyValues(URL, "deepstream.protocol=xml").run((context) -> {
            assertThat(context).hasFailed();
            // Boot's own bind failure analysis then lists the valid values: AUTO, BINARY, JSON
            BindException bind = findCause(context.getStartupFailure(), BindException.class);
            assertThat(bind.getProperty().getName()).hasToString("deepstream.protocol");
            assertThat(bind.getProperty().getValue()).isEqualTo("xml");
        });
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
    }

    @Test
    void propertyDefaultsShouldMatchTheClientDefaults() {
        DeepstreamOptions fromProperties = DeepstreamOptionsFactory.builder(new DeepstreamProperties()).build();
        DeepstreamOptions defaults = DeepstreamOptions.defaults();
        assertThat(fromProperties).usingRecursiveComparison().ignoringFields("authParams", "jsonMapper", "mergeStrategy").isEqualTo(defaults);
    }

    @Test
    void userBeansShouldReplaceTheDefaults() {
        this.runner.withPropertyValues(URL, "deepstream.auth.username=ignored")
            .withUserConfiguration(UserBeansConfiguration.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(DeepstreamClient.class);
                assertThat(context.getBean(DeepstreamClient.class)).isSameAs(context.getBean("myClient"));
                assertThat(context.getBean(DeepstreamAuthParamsSupplier.class).get()).isEqualTo(Map.of("token", "t"));
                assertThat(context.getBean(DeepstreamOptions.class).authParams().get())
                    .isEqualTo(Map.of("token", "t"));
            });
    }

    @Test
    void connectionDetailsBeanShouldReplaceTheUrlProperty() {
        this.runner.withBean(DeepstreamConnectionDetails.class, () -> () -> "ws://127.0.0.1:11/custom")
            .run((context) -> assertThat(context.getBean(DeepstreamClient.class).getServerUrl().uri().getPath())
                .isEqualTo("/custom"));
    }

    @Test
    void customizersShouldBeCalledInOrder() {
        this.runner.withPropertyValues(URL).withUserConfiguration(CustomizersConfiguration.class).run((context) -> {
            assertThat(context.getBean(CustomizersConfiguration.class).calls).containsExactly("options-first",
                    "options-second", "client");
            assertThat(context.getBean(DeepstreamOptions.class).heartbeatInterval()).isEqualTo(Duration.ofSeconds(7));
        });
    }

    @Test
    void disabledShouldCreateNothing() {
        this.runner.withPropertyValues(URL, "deepstream.enabled=false").withBean(SimpleMeterRegistry.class)
            .run((context) -> assertThat(context).doesNotHaveBean(DeepstreamClient.class)
                .doesNotHaveBean(DeepstreamOptions.class)
                .doesNotHaveBean(DeepstreamHealthIndicator.class)
                .doesNotHaveBean(DeepstreamMetrics.class));
    }

    @Test
    void loginOnStartupCanBeTurnedOff() {
        this.runner.withPropertyValues(URL, "deepstream.login-on-startup=false")
            .run((context) -> assertThat(context).hasSingleBean(DeepstreamClient.class)
                .doesNotHaveBean(DeepstreamStartupLogin.class));
    }

    @Test
    void healthIndicatorShouldNeedTheHealthModuleAndBeSwitchable() {
        this.runner.withPropertyValues(URL).withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).hasSingleBean(DeepstreamClient.class)
                .doesNotHaveBean(DeepstreamHealthIndicator.class));
        this.runner.withPropertyValues(URL, "management.health.deepstream.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(DeepstreamHealthIndicator.class));
    }

    @Test
    void metricsShouldNeedARegistryAndMicrometer() {
        this.runner.withPropertyValues(URL).withBean(SimpleMeterRegistry.class).run((context) -> {
            assertThat(context).hasSingleBean(DeepstreamMetrics.class);
            context.getBean(DeepstreamMetrics.class).bindTo(context.getBean(MeterRegistry.class));
            assertThat(context.getBean(MeterRegistry.class).get("deepstream.connection.state")
                .tag("client", "deepstream").gauges()).isNotEmpty();
        });
        this.runner.withPropertyValues(URL, "deepstream.client-name=orders").withBean(SimpleMeterRegistry.class)
            .run((context) -> {
                assertThat(context.getBean(DeepstreamClient.class).getName()).isEqualTo("orders");
                context.getBean(DeepstreamMetrics.class).bindTo(context.getBean(MeterRegistry.class));
                assertThat(context.getBean(MeterRegistry.class).get("deepstream.connection.state")
                    .tag("client", "orders").gauges()).isNotEmpty();
            });
        this.runner.withPropertyValues(URL).withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).hasSingleBean(DeepstreamClient.class)
                .doesNotHaveBean(DeepstreamMetrics.class));
    }

    @Test
    void theDevServerWithoutItsModuleShouldFailStartUpSayingWhatToAdd() {
        this.runner.withConfiguration(AutoConfigurations.of(DeepstreamDevServerAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(LocalDeepstreamServer.class))
            .withPropertyValues("deepstream.dev-server.enabled=true")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("'deepstream.dev-server.enabled'");
                assertThat(analysis.getAction()).contains("deepstream-local-server");
            });
    }

    @Test
    void missingUrlShouldFailStartUpWithAnActionableAnalysis() {
        this.runner.run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'deepstream.url'").contains("no deepstream server URL");
            assertThat(analysis.getAction()).contains("Set deepstream.url").contains("deepstream.dev-server.enabled");
        });
    }

    @Test
    void httpUrlShouldFailStartUpNamingTheSchemeButNotTheSecret() {
        this.runner.withPropertyValues("deepstream.url=http://127.0.0.1:6020/deepstream?apiKey=s3cret").run((context) -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'deepstream.url'").contains("ws:// or wss://")
                .doesNotContain("s3cret");
        });
    }

    @Test
    void unparsableUrlShouldFailStartUp() {
        this.runner.withPropertyValues("deepstream.url=ws://host:port:6020/x y").run((context) -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'deepstream.url'");
        });
    }

    @Test
    void aListOfUrlsInUrlShouldFailStartUpPointingAtUrls() {
        for (String list : List.of("ws://127.0.0.1:7001/deepstream,ws://127.0.0.1:7002/deepstream",
                "ws://127.0.0.1:7001/deepstream ws://127.0.0.1:7002/deepstream")) {
            this.runner.withPropertyValues("deepstream.url=" + list).run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("'deepstream.url'");
                assertThat(analysis.getAction()).contains("deepstream.urls");
            });
        }
    }

    @Test
    void urlsNameTheNodesOfAClusterInOrder() {
        this.runner.withPropertyValues("deepstream.urls=ws://127.0.0.1:7001,ws://127.0.0.1:7002").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DeepstreamConnectionDetails.class).getUrls())
                .containsExactly("ws://127.0.0.1:7001", "ws://127.0.0.1:7002");
            // the client is already trying them (nothing listens there), so it may be on either by now; the order
            // of attempts is covered by DefaultDeepstreamClientTests
            assertThat(context.getBean(DeepstreamClient.class).getServerUrl().uri().getPort()).isIn(7001, 7002);
        });
    }

    @Test
    void urlAndUrlsTogetherOrABadNodeShouldFailStartUp() {
        this.runner.withPropertyValues(URL, "deepstream.urls=ws://127.0.0.1:7001").run((context) -> assertThat(
                analyze(context.getStartupFailure()).getDescription()).contains("'deepstream.urls'")
            .contains("both deepstream.url and deepstream.urls"));
        this.runner.withPropertyValues("deepstream.urls=ws://127.0.0.1:7001,http://127.0.0.1:7002").run(
                (context) -> assertThat(analyze(context.getStartupFailure()).getDescription())
                    .contains("'deepstream.urls'"));
    }

    @Test
    void theApplicationsObservationRegistryAndConventionsAreUsedAndBootsSwitchTurnsThemOff() {
        ApplicationContextRunner observed = this.runner.withConfiguration(AutoConfigurations.of(
                org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration.class))
            .withBean(RpcObservationConvention.class, DefaultRpcObservationConvention::new)
            // a registry without handlers observes nothing; any handler makes observations real
            .withBean(ObservationHandler.class, () -> (ObservationHandler<Observation.Context>) (context) -> true)
            .withPropertyValues(URL);
        observed.run((context) -> {
            DeepstreamOptions options = context.getBean(DeepstreamOptions.class);
            assertThat(options.observationRegistry()).isSameAs(context.getBean(ObservationRegistry.class));
            assertThat(options.rpcObservationConvention()).isSameAs(context.getBean(RpcObservationConvention.class));
            DeepstreamObservations observations = DeepstreamObservations.of(options);
            assertThat(observations.callStarted("some/rpc").isNoop()).isFalse();
        });
        observed.withPropertyValues("management.observations.enable.deepstream=false").run((context) -> {
            DeepstreamObservations observations = DeepstreamObservations.of(context.getBean(DeepstreamOptions.class));
            assertThat(observations.callStarted("some/rpc").isNoop()).isTrue();
        });
    }

    @Test
    void invalidDurationShouldFailStartUpNamingTheProperty() {
        this.runner.withPropertyValues(URL, "deepstream.heartbeat-interval=0s").run((context) -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'deepstream.heartbeat-interval'").contains("positive");
        });
        this.runner.withPropertyValues(URL, "deepstream.offline-queue.max-size=-1").run((context) -> assertThat(
                analyze(context.getStartupFailure()).getDescription()).contains("'deepstream.offline-queue.max-size'"));
        this.runner.withPropertyValues(URL, "deepstream.record.discard-timeout=-1s").run((context) -> assertThat(
                analyze(context.getStartupFailure()).getDescription()).contains("'deepstream.record.discard-timeout'"));
        this.runner.withPropertyValues(URL, "deepstream.backlog.max-size=0").run((context) -> assertThat(
                analyze(context.getStartupFailure()).getDescription()).contains("'deepstream.backlog.max-size'"));
        this.runner.withPropertyValues(URL, "deepstream.handler.max-pending=0").run((context) -> assertThat(
                analyze(context.getStartupFailure()).getDescription()).contains("'deepstream.handler.max-pending'"));
        this.runner.withPropertyValues(URL, "deepstream.client-name=").run((context) -> assertThat(
                analyze(context.getStartupFailure()).getDescription()).contains("'deepstream.client-name'"));
        this.runner.withPropertyValues(URL, "deepstream.backlog.max-wait=-1s").run((context) -> assertThat(
                analyze(context.getStartupFailure()).getDescription()).contains("'deepstream.backlog.max-wait'"));
        this.runner.withPropertyValues(URL, "deepstream.shutdown.drain-timeout=-1s").run((context) -> assertThat(
                analyze(context.getStartupFailure()).getDescription()).contains("'deepstream.shutdown.drain-timeout'"));
    }

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new DeepstreamPropertyFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeansConfiguration {

        @Bean
        DeepstreamClient myClient() {
            return DeepstreamClient.create("ws://127.0.0.1:9", DeepstreamOptions.builder().autoConnect(false).build());
        }

        @Bean
        DeepstreamAuthParamsSupplier tokenAuth() {
            return () -> Map.of("token", "t");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizersConfiguration {

        final List<String> calls = new ArrayList<>();

        @Bean
        @Order(2)
        DeepstreamOptionsBuilderCustomizer second() {
            return (builder) -> {
                this.calls.add("options-second");
                builder.heartbeatInterval(Duration.ofSeconds(7));
            };
        }

        @Bean
        @Order(1)
        DeepstreamOptionsBuilderCustomizer first() {
            return (builder) -> {
                this.calls.add("options-first");
                builder.heartbeatInterval(Duration.ofSeconds(99));
            };
        }

        @Bean
        DeepstreamClientCustomizer clientCustomizer() {
            return (client) -> this.calls.add("client");
        }

    }

}
