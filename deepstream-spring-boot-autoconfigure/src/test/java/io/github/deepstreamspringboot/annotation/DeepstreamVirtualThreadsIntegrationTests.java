package io.github.deepstreamspringboot.annotation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.github.deepstreamspringboot.autoconfigure.DeepstreamAutoConfiguration;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.EachTransport;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spring.threads.virtual.enabled=true}: annotated handlers of an auto-configured application run on virtual
 * threads, driven by a second client through the real server. Boot turns the property on only on Java 21 or later,
 * and so does the client; the suite runs on Java 17 and 25 ({@code .ci/run}).
 */
@EachTransport
class DeepstreamVirtualThreadsIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final ApplicationContextRunner runner;

    DeepstreamVirtualThreadsIntegrationTests(TransportType transport) {
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DeepstreamAutoConfiguration.class))
            .withUserConfiguration(ThreadRecordingHandlers.class)
            .withPropertyValues("deepstream.url=" + server.server().binaryUrl(), "deepstream.auth.username=app")
            .withPropertyValues("deepstream.transport=" + transport);
    }

    @Test
    void thePropertyTurnsVirtualThreadsOnWhereTheJavaVersionHasThem() {
        this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> assertThat(
                context.getBean(DeepstreamOptions.class).virtualThreads()).isEqualTo(Runtime.version().feature() >= 21));
        this.runner.run((context) -> assertThat(context.getBean(DeepstreamOptions.class).virtualThreads()).isFalse());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void annotatedHandlersRunOnVirtualThreads() {
        this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
            context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context,
                    Duration.ZERO));
            DeepstreamClient client = context.getBean(DeepstreamClient.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
            ThreadRecordingHandlers handlers = context.getBean(ThreadRecordingHandlers.class);
            try (DeepstreamClient peer = DeepstreamClient.create(server.server().binaryUrl())) {
                peer.login(Map.of("username", "peer")).get(10, TimeUnit.SECONDS);
                // providers are restored after the subscriptions: once one answers, the listener is registered too
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> peer.rpc()
                    .make("virtual/ping", null, String.class).get(5, TimeUnit.SECONDS), "pong"::equals);
                peer.event().emit("virtual/news", "hello").get(10, TimeUnit.SECONDS);
            }
            assertThat(isVirtual(handlers.provider.get(10, TimeUnit.SECONDS))).isTrue();
            assertThat(isVirtual(handlers.listener.get(10, TimeUnit.SECONDS))).isTrue();
        });
    }

    /** {@code Thread.isVirtual()} is Java 21 API; the tests compile for 17. */
    private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
        return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    }

    @Configuration(proxyBeanMethods = false)
    static class ThreadRecordingHandlers {

        final CompletableFuture<Thread> listener = new CompletableFuture<>();

        final CompletableFuture<Thread> provider = new CompletableFuture<>();

        @DeepstreamEventListener("virtual/news")
        void onNews(String news) {
            this.listener.complete(Thread.currentThread());
        }

        @DeepstreamRpcProvider("virtual/ping")
        String ping() {
            this.provider.complete(Thread.currentThread());
            return "pong";
        }

    }

}
