package io.github.deepstreamspringboot.shutdownorder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.deepstreamspringboot.autoconfigure.DeepstreamClientLifecycle;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;
import io.github.deepstreamspringboot.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shutdown order with Boot's servlet web server: a request that is being served when the application begins to
 * stop can still emit and write, because the client stays {@code OPEN} until the web server has drained its
 * requests; the client drains and closes after that. (This package lies outside the sample's component scan, so the
 * held endpoint below exists only in this test's application.)
 */
class ShutdownOrderTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theClientStaysOpenWhileTheWebServerDrainsItsRequests() throws Exception {
        try (LocalDeepstreamServer server = LocalDeepstreamServer.builder().build().start();
                DeepstreamClient peer = DeepstreamClient.create(server.binaryUrl())) {
            peer.login(Map.of("username", "peer")).get(10, TimeUnit.SECONDS);
            List<String> received = new CopyOnWriteArrayList<>();
            peer.event().subscribe("held/event", String.class, received::add).whenSubscribed().get(10,
                    TimeUnit.SECONDS);
            ConfigurableApplicationContext application = new SpringApplicationBuilder(SampleApplication.class,
                    HeldRequest.class)
                .run("--server.port=0", "--deepstream.url=" + server.binaryUrl(),
                        "--deepstream.dev-server.enabled=false");
            DeepstreamClient client = application.getBean(DeepstreamClient.class);
            HeldRequest held = application.getBean(HeldRequest.class);
            int port = Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
            await().atMost(WAIT).until(() -> client.getConnectionState() == ConnectionState.OPEN);

            CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/held"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(held.arrived.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(application::close);
            // the graceful shutdown has begun once the web server refuses new connections
            await().atMost(WAIT).until(() -> !accepts(port));
            assertThat(client.getConnectionState()).isEqualTo(ConnectionState.OPEN);
            assertThat(client.isDraining()).isFalse();

            held.release.countDown();
            HttpResponse<String> answer = response.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("emitted and written while the web server drained");
            closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(client.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
            assertThat(client.isDraining()).isTrue();
            await().atMost(WAIT).until(() -> received.contains("held"));
            assertThat(peer.record().snapshot("held/record").get(10, TimeUnit.SECONDS).get("held").booleanValue())
                .isTrue();
        }
    }

    @Test
    void theClientStopsAfterTheWebServersOfBothStacks() {
        // the servlet and the reactive WebServerStartStopLifecycle stop at SMART_LIFECYCLE_PHASE - 1024 in Boot 4
        int webServerStop = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024;
        assertThat(new DeepstreamClientLifecycle(null, Duration.ZERO).getPhase()).isLessThan(webServerStop)
            .isLessThan(SmartLifecycle.DEFAULT_PHASE);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** An endpoint that holds its request until the test lets it go, then emits and writes with acknowledgement. */
    @RestController
    static class HeldRequest {

        final CountDownLatch arrived = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        private final DeepstreamClient client;

        HeldRequest(DeepstreamClient client) {
            this.client = client;
        }

        @PostMapping("/held")
        String held() throws Exception {
            this.arrived.countDown();
            assertThat(this.release.await(30, TimeUnit.SECONDS)).isTrue();
            this.client.event().emit("held/event", "held").get(10, TimeUnit.SECONDS);
            this.client.record().setDataWithAck("held/record", Map.of("held", true)).get(10, TimeUnit.SECONDS);
            return "emitted and written while the web server drained";
        }

    }

}
