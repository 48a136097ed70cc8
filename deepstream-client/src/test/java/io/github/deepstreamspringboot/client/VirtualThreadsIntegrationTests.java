package io.github.deepstreamspringboot.client;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code DeepstreamOptions.virtualThreads(true)} against the real server: handlers, providers and callbacks on virtual
 * threads, the event loop on a platform thread. The suite runs on Java 17 and on Java 25 ({@code .ci/run}); each JRE
 * runs the tests that apply to it.
 */
@EachTransport
class VirtualThreadsIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final TransportType transport;

    VirtualThreadsIntegrationTests(TransportType transport) {
        this.transport = transport;
    }

    /** @return options for a client of this test: the transport it runs on */
    private DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().transport(this.transport);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void handlersProvidersAndCallbacksRunOnVirtualThreadsAndTheLoopOnAPlatformThread() throws Exception {
        try (DeepstreamClient client = DeepstreamClient.create(server.server().binaryUrl(),
                options().virtualThreads(true).build());
                DeepstreamClient peer = DeepstreamClient.create(server.server().binaryUrl())) {
            CompletableFuture<Thread> callback = new CompletableFuture<>();
            client.addConnectionStateListener((change) -> callback.complete(Thread.currentThread()));
            client.login(Map.of("username", "virtual")).get(10, TimeUnit.SECONDS);
            peer.login(Map.of("username", "peer")).get(10, TimeUnit.SECONDS);

            CompletableFuture<Thread> handler = new CompletableFuture<>();
            client.event().subscribe("virtual/news", (data) -> handler.complete(Thread.currentThread()))
                .whenSubscribed()
                .get(10, TimeUnit.SECONDS);
            CompletableFuture<Thread> provider = new CompletableFuture<>();
            client.rpc().provide("virtual/echo", (request, response) -> {
                provider.complete(Thread.currentThread());
                response.send(request.data());
            }).whenProvided().get(10, TimeUnit.SECONDS);
            peer.event().emit("virtual/news", "hello").get(10, TimeUnit.SECONDS);
            assertThat(peer.rpc().make("virtual/echo", "hi", String.class).get(10, TimeUnit.SECONDS)).isEqualTo("hi");

            Thread handlerThread = handler.get(10, TimeUnit.SECONDS);
            assertThat(isVirtual(handlerThread)).isTrue();
            assertThat(handlerThread.getName()).matches("deepstream-\\d+-handler-\\d+");
            assertThat(isVirtual(provider.get(10, TimeUnit.SECONDS))).isTrue();
            Thread callbackThread = callback.get(10, TimeUnit.SECONDS);
            assertThat(isVirtual(callbackThread)).isTrue();
            assertThat(callbackThread.getName()).matches("deepstream-\\d+-callbacks\\d+");
            // the loop of the same client is a platform thread (only those are listed here): its own, or with Reactor
            // Netty one of the shared event loops
            String loop = handlerThread.getName().replaceFirst("-handler-\\d+$", "-loop");
            Set<Thread> platformThreads = Thread.getAllStackTraces().keySet();
            assertThat(platformThreads).anySatisfy((thread) -> assertThat(thread.getName())
                .matches((this.transport == TransportType.STANDARD) ? loop : "reactor-http-\\w+-\\d+"));
            assertThat(platformThreads).noneSatisfy((thread) -> assertThat(thread.getName())
                .startsWith(loop.replaceFirst("-loop$", "-handler-")));
        }
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void beforeJava21VirtualThreadsAreRefusedWithAClearError() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> options().virtualThreads(true).build())
            .withMessageStartingWith("'virtualThreads' needs Java 21 or later");
    }

    @Test
    void withoutTheOptionHandlersRunOnTheClientsPlatformThreads() throws Exception {
        try (DeepstreamClient client = DeepstreamClient.create(server.server().binaryUrl())) {
            client.login(Map.of("username", "platform")).get(10, TimeUnit.SECONDS);
            CompletableFuture<Thread> handler = new CompletableFuture<>();
            client.event().subscribe("platform/news", (data) -> handler.complete(Thread.currentThread()))
                .whenSubscribed()
                .get(10, TimeUnit.SECONDS);
            client.event().emit("platform/news", "hello");
            Thread handlerThread = handler.get(10, TimeUnit.SECONDS);
            assertThat(isVirtual(handlerThread)).isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).contains(handlerThread);
        }
    }

    /** {@code Thread.isVirtual()} is Java 21 API; the tests compile for 17. */
    private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
        return Runtime.version().feature() >= 21 && (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    }

}
