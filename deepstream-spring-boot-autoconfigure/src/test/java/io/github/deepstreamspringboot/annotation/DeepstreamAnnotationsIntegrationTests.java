package io.github.deepstreamspringboot.annotation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.deepstreamspringboot.autoconfigure.DeepstreamAutoConfiguration;
import io.github.deepstreamspringboot.autoconfigure.DeepstreamClientLifecycle;
import io.github.deepstreamspringboot.autoconfigure.DeepstreamErrorEvent;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.EachWireProtocolAndTransport;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.client.rpc.RpcErrorKind;
import io.github.deepstreamspringboot.client.rpc.RpcException;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * {@link DeepstreamEventListener} and {@link DeepstreamRpcProvider} methods of an auto-configured application, driven
 * by a second client through a real deepstream server.
 */
@EachWireProtocolAndTransport
class DeepstreamAnnotationsIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DeepstreamAutoConfiguration.class))
        .withUserConfiguration(HandlersConfiguration.class);

    private final WireProtocol protocol;

    private final TransportType transport;

    private DeepstreamClient peer;

    DeepstreamAnnotationsIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.protocol = protocol;
        this.transport = transport;
    }

    @BeforeEach
    void connectPeer() throws Exception {
        this.peer = DeepstreamClient.create(server.url(this.protocol));
        this.peer.login(Map.of("username", "peer")).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void closePeer() {
        this.peer.close();
    }

    private void runReady(ContextConsumer test) {
        this.runner.withPropertyValues("deepstream.url=" + server.url(this.protocol), "deepstream.auth.username=app",
                "deepstream.transport=" + this.transport,
                "handlers.orders=orders", "handlers.rpc.double=double")
            .run((context) -> {
                context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context,
                        Duration.ZERO));
                DeepstreamClient client = context.getBean(DeepstreamClient.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
                // the providers are restored last, so once one answers every handler is registered on the server
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(
                        () -> this.peer.rpc().make("ping", null, String.class).get(5, TimeUnit.SECONDS),
                        "pong"::equals);
                test.accept(context);
            });
    }

    @Test
    void eventListenerMethodsGetConvertedDataAndTheName() {
        runReady((context) -> {
            Handlers handlers = context.getBean(Handlers.class);
            this.peer.event().emit("orders", new Order("o-1", 2));
            this.peer.event().emit("batches", List.of(new Order("a", 1), new Order("b", 2)));
            this.peer.event().emit("anything", Map.of("k", "v"));
            await().until(() -> handlers.orders.size() == 1 && handlers.batches.size() == 1
                    && handlers.texts.size() == 1);
            assertThat(handlers.orders).containsExactly(new Order("o-1", 2));
            assertThat(handlers.batches.get(0)).containsExactly(new Order("a", 1), new Order("b", 2));
            assertThat(handlers.texts).containsExactly("anything={\"k\":\"v\"}");
        });
    }

    @Test
    void aNameWhosePlaceholderDoesNotResolveFailsStartUpNamingTheBeanAndTheMethod() {
        this.runner.withUserConfiguration(UnresolvableConfiguration.class)
            .withPropertyValues("deepstream.url=" + server.url(this.protocol), "handlers.orders=orders",
                    "handlers.rpc.double=double")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("missing.topic"));
        this.runner.withUserConfiguration(UnresolvableConfiguration.class)
            .withPropertyValues("deepstream.url=" + server.url(this.protocol), "handlers.orders=orders",
                    "handlers.rpc.double=double")
            .run((context) -> assertThat(context.getStartupFailure()).hasMessageContaining("'unresolvable'")
                .hasMessageContaining("@DeepstreamEventListener(\"${missing.topic}\") on Unresolvable.onEvent"));
    }

    @Test
    void dataThatDoesNotConvertIsPublishedAsAnErrorEvent() {
        runReady((context) -> {
            Handlers handlers = context.getBean(Handlers.class);
            this.peer.event().emit("orders", "not an order");
            await().until(() -> handlers.errors.stream().anyMatch((event) -> event.getError().kind()
                    == ErrorKind.PAYLOAD_CONVERSION_ERROR && "orders".equals(event.getError().name())));
            this.peer.event().emit("orders", new Order("still", 1));
            await().until(() -> handlers.orders.contains(new Order("still", 1)));
        });
    }

    @Test
    void rpcProviderMethodsAnswerWithTheirReturnValueOrFuture() {
        runReady((context) -> {
            assertThat(this.peer.rpc().make("double", 21, Integer.class).get(10, TimeUnit.SECONDS)).isEqualTo(42);
            assertThat(this.peer.rpc().make("async-upper", "abc", String.class).get(10, TimeUnit.SECONDS))
                .isEqualTo("ABC");
            assertThat(this.peer.rpc().make("named", null, String.class).get(10, TimeUnit.SECONDS))
                .isEqualTo("named");
        });
    }

    @Test
    void exceptionInAProviderMethodBecomesASafeErrorResponse() {
        runReady((context) -> {
            Throwable failure = catchThrowable(() -> this.peer.rpc().make("fails", 1).get(10, TimeUnit.SECONDS));
            RpcException rpc = (RpcException) failure.getCause();
            assertThat(rpc.getRpcErrorKind()).isEqualTo(RpcErrorKind.PROVIDER_ERROR);
            assertThat(rpc.getErrorData().asString()).isEqualTo(DeepstreamHandlerRegistry.SAFE_ERROR)
                .doesNotContain("secret-internal-detail");
        });
    }

    @Test
    void providersAreWithdrawnBeforeTheClientClosesOnShutdown() {
        runReady((context) -> {
            DeepstreamHandlerRegistry registry = context.getBean(DeepstreamHandlerRegistry.class);
            DeepstreamClientLifecycle lifecycle = context.getBean(DeepstreamClientLifecycle.class);
            assertThat(registry.getPhase()).isGreaterThan(lifecycle.getPhase());
            DeepstreamClient client = context.getBean(DeepstreamClient.class);
            context.close();
            assertThat(client.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
            Throwable failure = catchThrowable(() -> this.peer.rpc().make("double", 1).get(10, TimeUnit.SECONDS));
            assertThat(((RpcException) failure.getCause()).getRpcErrorKind()).isEqualTo(RpcErrorKind.NO_RPC_PROVIDER);
        });
    }

    @FunctionalInterface
    interface ContextConsumer {

        void accept(ConfigurableApplicationContext context) throws Exception;

    }

    record Order(String id, int quantity) {
    }

    @Configuration(proxyBeanMethods = false)
    static class HandlersConfiguration {

        @Bean
        Handlers handlers() {
            return new Handlers();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UnresolvableConfiguration {

        @Bean
        Unresolvable unresolvable() {
            return new Unresolvable();
        }

    }

    static class Unresolvable {

        @DeepstreamEventListener("${missing.topic}")
        void onEvent(String data) {
        }

    }

    static class Handlers {

        final List<Order> orders = new CopyOnWriteArrayList<>();

        final List<List<Order>> batches = new CopyOnWriteArrayList<>();

        final List<String> texts = new CopyOnWriteArrayList<>();

        final List<DeepstreamErrorEvent> errors = new CopyOnWriteArrayList<>();

        @DeepstreamEventListener("${handlers.orders}")
        void onOrder(Order order) {
            this.orders.add(order);
        }

        @DeepstreamEventListener("batches")
        void onBatch(List<Order> batch) {
            this.batches.add(batch);
        }

        @DeepstreamEventListener("anything")
        void onAnything(String json, String name) {
            this.texts.add(name + "=" + json);
        }

        @org.springframework.context.event.EventListener
        void onError(DeepstreamErrorEvent event) {
            this.errors.add(event);
        }

        @DeepstreamRpcProvider("ping")
        String ping() {
            return "pong";
        }

        @DeepstreamRpcProvider("${handlers.rpc.double}")
        int twice(int value) {
            return value * 2;
        }

        @DeepstreamRpcProvider("async-upper")
        CompletableFuture<String> upper(String value) {
            return CompletableFuture.supplyAsync(value::toUpperCase);
        }

        @DeepstreamRpcProvider("${handlers.rpc.named:named}")
        String named(Object ignored, String name) {
            return name;
        }

        @DeepstreamRpcProvider("fails")
        String fails(int value) {
            throw new IllegalStateException("secret-internal-detail");
        }

    }

}
