package io.github.deepstreamspringboot.sample;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.devserver.JsClientPeer;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling deploy, as Kubernetes does it: the sample, in a JVM of its own, serves steady HTTP load on its two
 * endpoints ({@code POST /events/{name}}, {@code PUT /records/{name}}) and is sent SIGTERM in the middle of it. The
 * official JavaScript client, on the same server, counts what arrived: every event answered {@code 202} was received,
 * and every record write answered {@code 204} is stored. A request the stopping sample no longer takes is refused
 * cleanly (a refused connection or {@code 503}), never left hanging. Three deploys in a row, each a fresh JVM. The
 * sample's log shows the shutdown order: handlers withdrawn, web server drained, then the client drained and closed.
 */
class SampleRollingDeployTests {

    private static final Logger logger = LoggerFactory.getLogger(SampleRollingDeployTests.class);

    private static final int DEPLOYS = 3;

    /** Requests per second, half events, half record writes. */
    private static final int RATE = 150;

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String EVENT = "deploy/events";

    private static LocalDeepstreamServer server;

    private static JsClientPeer peer;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    @BeforeAll
    static void startServerAndPeer() {
        server = LocalDeepstreamServer.builder().build().start();
        peer = JsClientPeer.connect(server, "counter");
        peer.call("subscribeCount", Map.of("name", EVENT));
        // the JavaScript client batches its subscription and tells nobody when it is active: probe until one arrives
        try (DeepstreamClient prober = DeepstreamClient.create(server.binaryUrl())) {
            prober.login(Map.of("username", "prober")).join();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                prober.event().emit(EVENT, Map.of("seq", -1));
                return peer.call("count", Map.of("name", EVENT)).get("total").intValue() > 0;
            });
        }
    }

    @AfterAll
    static void stopServerAndPeer() {
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void nothingAcceptedIsLostWhenTheSampleIsStoppedUnderLoad() throws Exception {
        for (int deploy = 1; deploy <= DEPLOYS; deploy++) {
            deploy(deploy);
        }
    }

    private void deploy(int deploy) throws Exception {
        int exitCode;
        Load load;
        String output;
        try (ForkedSample sample = ForkedSample.start("rolling-deploy-" + deploy,
                "--deepstream.url=" + server.binaryUrl(), "--deepstream.dev-server.enabled=false")) {
            load = new Load(sample.port(), deploy);
            try {
                load.start();
                await().atMost(WAIT).until(() -> load.answered() >= 200);
                load.sigtermSent.set(true);
                sample.terminate();
                exitCode = sample.awaitExit();
            }
            finally {
                load.stop();
            }
            output = sample.output();
            assertThat(sample.warnings()).as("warnings in the sample's log").isEmpty();
        }
        logger.info("deploy {}: {} events answered 202, {} record writes 204, {} refused cleanly, {} sent after SIGTERM",
                deploy, load.acceptedEvents.size(), load.storedRecords.size(), load.refused.get(),
                load.sentAfterSigterm.get());
        // SIGTERM: the JVM exits with 128 + 15 once Spring's shutdown hook has closed the context
        assertThat(exitCode).as(output).isIn(0, 143);
        assertThat(load.hung).as("requests left hanging").isEmpty();
        assertThat(load.unexpected).as("requests answered other than 202, 204, 503 or a refused connection (or, once "
                + "the SIGTERM is sent, another error status)")
            .isEmpty();
        assertThat(load.sentAfterSigterm.get()).as("load went on during the shutdown").isPositive();

        List<Integer> accepted = List.copyOf(load.acceptedEvents);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
                peer.call("missing", Map.of("name", EVENT, "seqs", accepted))).as("events answered 202 but lost")
            .isEmpty());
        for (int seq : load.storedRecords) {
            JsonNode stored = peer.call("recordSnapshot", Map.of("name", load.recordName(seq)));
            assertThat(stored.path("seq").intValue()).as("record %s, answered 204", load.recordName(seq))
                .isEqualTo(seq);
        }
        assertShutdownOrder(output);
    }

    /** Handlers withdrawn, then the web server drained, then the client drained and closed. */
    private static void assertShutdownOrder(String output) {
        int withdrawn = output.indexOf("Withdrew 2 @DeepstreamRpcProvider");
        int graceful = output.indexOf("Commencing graceful shutdown");
        int drainedRequests = output.indexOf("Graceful shutdown complete");
        int draining = output.indexOf("deepstream client draining");
        int drained = output.indexOf("deepstream client drained in");
        int closed = output.indexOf("CLOSED (closed by the application)");
        assertThat(List.of(withdrawn, graceful, drainedRequests, draining, drained, closed)).as(output)
            .doesNotContain(-1)
            .isSorted();
    }

    /** Steady requests at {@link #RATE} per second, alternating the two endpoints, and what became of each. */
    private final class Load {

        private final int port;

        private final int deploy;

        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

        private final AtomicInteger seqs = new AtomicInteger();

        private final List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();

        private final Set<Integer> acceptedEvents = ConcurrentHashMap.newKeySet();

        private final Set<Integer> storedRecords = ConcurrentHashMap.newKeySet();

        private final AtomicInteger refused = new AtomicInteger();

        private final List<String> hung = new CopyOnWriteArrayList<>();

        private final List<String> unexpected = new CopyOnWriteArrayList<>();

        private final AtomicBoolean sigtermSent = new AtomicBoolean();

        private final AtomicInteger sentAfterSigterm = new AtomicInteger();

        Load(int port, int deploy) {
            this.port = port;
            this.deploy = deploy;
        }

        void start() {
            long period = TimeUnit.SECONDS.toMicros(1) / RATE;
            this.ticker.scheduleAtFixedRate(this::send, 0, period, TimeUnit.MICROSECONDS);
        }

        int answered() {
            return this.acceptedEvents.size() + this.storedRecords.size();
        }

        String recordName(int seq) {
            return "deploy/" + this.deploy + "/" + seq;
        }

        private void send() {
            int seq = this.seqs.getAndIncrement();
            boolean event = seq % 2 == 0;
            boolean afterSigterm = this.sigtermSent.get();
            if (afterSigterm) {
                this.sentAfterSigterm.incrementAndGet();
            }
            String body = "{\"seq\":" + seq + ",\"deploy\":" + this.deploy + "}";
            URI uri = URI.create("http://127.0.0.1:" + this.port
                    + (event ? "/events/" + EVENT : "/records/" + recordName(seq)));
            HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(event ? "POST" : "PUT", HttpRequest.BodyPublishers.ofString(body))
                .build();
            this.inFlight.add(SampleRollingDeployTests.this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    record(seq, event, afterSigterm, response, failure);
                    return null;
                }));
        }

        private void record(int seq, boolean event, boolean afterSigterm, HttpResponse<String> response,
                Throwable failure) {
            Throwable cause = (failure != null && failure.getCause() != null) ? failure.getCause() : failure;
            if (cause instanceof HttpTimeoutException) {
                this.hung.add((event ? "event " : "record ") + seq);
            }
            else if (cause instanceof ConnectException || cause instanceof IOException) {
                // the stopping server closed its port or the connection: a clean refusal
                this.refused.incrementAndGet();
            }
            else if (cause != null) {
                this.unexpected.add(seq + ": " + cause);
            }
            else if (event && response.statusCode() == 202) {
                this.acceptedEvents.add(seq);
            }
            else if (!event && response.statusCode() == 204) {
                this.storedRecords.add(seq);
            }
            else if (response.statusCode() == 503 || (afterSigterm && response.statusCode() >= 400)) {
                // our 503, or an answer of Tomcat's own while it shuts down (seen once in 27 deploys: a bare 400
                // page, with nothing in the sample's log): refused with an answer, which is what matters here
                this.refused.incrementAndGet();
            }
            else {
                this.unexpected.add(seq + ": HTTP " + response.statusCode() + " " + response.body());
            }
        }

        void stop() throws Exception {
            this.ticker.shutdownNow();
            this.ticker.awaitTermination(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(new ArrayList<>(this.inFlight).toArray(CompletableFuture[]::new))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

    }

}
