package io.github.deepstreamspringboot.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.JsClientPeer;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Our client beside deepstream's own JavaScript client ({@code @deepstream/client} 7.0.5), through the same workloads
 * against one local server on its binary endpoint, alternating in one run so that both see the same machine load:
 * events A→B, RPC with 100 calls in flight, connect + login, and event latency at 2 000 events/s (p50 and p99).
 * Both clients of a workload live in one process (this JVM, or one node process), so "CPU per event" is that
 * process's CPU time over the events, sender and receiver together. Prints one JSON line per round and client, then a summary line per workload with the medians and the
 * ratios ours / JS. Not part of {@code mvn verify}: {@code mvn -B -Pbenchmark -pl deepstream-spring-boot-autoconfigure
 * test -Dtest=ClientBenchmark}.
 */
@Tag("benchmark")
class ClientBenchmark {

    private static final Logger logger = LoggerFactory.getLogger(ClientBenchmark.class);

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);

    private static final int EVENTS = Integer.getInteger("benchmark.events", 50_000);

    private static final int CALLS = Integer.getInteger("benchmark.calls", 20_000);

    private static final int CONNECTS = 50;

    /** Five seconds at 2 000/s. */
    private static final int LATENCY_EVENTS = 10_000;

    private static final int IN_FLIGHT = 100;

    /** Emits not yet handed to the socket that the Java sender allows itself, as the JS sender emits per turn. */
    private static final int EMIT_WINDOW = 1_000;

    /** 100 bytes of payload JSON: a string of 98 characters and its quotes. */
    private static final String PAYLOAD = "p".repeat(98);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean();

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path folder;

    /** One round's figures for one client: a rate or a time, and the CPU per operation where it applies. */
    record Figures(double value, double cpuMicrosPer) {
    }

    @Test
    void oursBesideTheJavaScriptClient() throws Exception {
        Path script = this.folder.resolve("js-bench.js");
        try (InputStream in = getClass().getResourceAsStream("js-bench.js")) {
            Files.copy(in, script);
        }
        // warm both up: the JIT for ours, the module cache and the server for both
        events();
        js(script, "events", 20_000);
        rpc();
        js(script, "rpc", 5_000);

        compare("events A->B, 50 000 x 100 B, events/s", "events/s", () -> events(),
                () -> js(script, "events", EVENTS));
        compare("rpc, 100 in flight, calls/s", "calls/s", () -> rpc(), () -> js(script, "rpc", CALLS));
        compare("connect + login, p50 ms", "ms", () -> connect(), () -> js(script, "connect", CONNECTS));
        compare("first connect + login in a fresh process, ms", "ms", () -> freshJvmConnect(),
                () -> js(script, "connect", 1));
        compare("event latency at 2 000/s, p50 us", "us", () -> latency(false),
                () -> jsLatency(script, false));
        compare("event latency at 2 000/s, p99 us", "us", () -> latency(true), () -> jsLatency(script, true));
    }

    interface Run {

        Figures run() throws Exception;

    }

    private void compare(String workload, String unit, Run ours, Run theirs) throws Exception {
        List<Figures> java = new ArrayList<>();
        List<Figures> js = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            // alternate which goes first, so that neither always meets a warmer or cooler machine
            boolean oursFirst = round % 2 == 1;
            Figures first = oursFirst ? ours.run() : theirs.run();
            Figures second = oursFirst ? theirs.run() : ours.run();
            Figures javaRound = oursFirst ? first : second;
            Figures jsRound = oursFirst ? second : first;
            java.add(javaRound);
            js.add(jsRound);
            line(workload, "java", round, unit, javaRound);
            line(workload, "js", round, unit, jsRound);
        }
        double javaValue = median(java, Figures::value);
        double jsValue = median(js, Figures::value);
        double javaCpu = median(java, Figures::cpuMicrosPer);
        double jsCpu = median(js, Figures::cpuMicrosPer);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("workload", workload);
        summary.put("summary", "median of " + ROUNDS + " rounds");
        summary.put("cores", Runtime.getRuntime().availableProcessors());
        summary.put("loadAverage", round(this.os.getSystemLoadAverage()));
        summary.put("java", round(javaValue));
        summary.put("js", round(jsValue));
        summary.put("javaOverJs", round(javaValue / jsValue));
        if (javaCpu > 0 && jsCpu > 0) {
            summary.put("javaCpuMicrosPer", round(javaCpu));
            summary.put("jsCpuMicrosPer", round(jsCpu));
            summary.put("cpuJavaOverJs", round(javaCpu / jsCpu));
        }
        logger.info("{}", this.json.writeValueAsString(summary));
        assertThat(java).hasSize(ROUNDS).allMatch((figures) -> figures.value() > 0);
    }

    private void line(String workload, String client, int round, String unit, Figures figures) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("workload", workload);
        line.put("client", client);
        line.put("round", round);
        line.put(unit, round(figures.value()));
        line.put("cpuMicrosPer", round(figures.cpuMicrosPer()));
        logger.info("{}", this.json.writeValueAsString(line));
    }

    private Figures events() throws Exception {
        String url = server.server().binaryUrl();
        try (DeepstreamClient sender = DeepstreamClient.create(url);
                DeepstreamClient receiver = DeepstreamClient.create(url)) {
            sender.login(Map.of("username", "java-a")).get(10, TimeUnit.SECONDS);
            receiver.login(Map.of("username", "java-b")).get(10, TimeUnit.SECONDS);
            AtomicInteger received = new AtomicInteger();
            String name = "bench/java/" + System.nanoTime();
            receiver.event().subscribe(name, (data) -> received.incrementAndGet())
                .whenSubscribed()
                .get(10, TimeUnit.SECONDS);
            Semaphore window = new Semaphore(EMIT_WINDOW);
            long cpuBefore = this.os.getProcessCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                window.acquire();
                sender.event().emit(name, PAYLOAD).whenComplete((ignored, failure) -> window.release());
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> received.get() >= EVENTS);
            long elapsed = System.nanoTime() - start;
            long cpu = this.os.getProcessCpuTime() - cpuBefore;
            return new Figures(EVENTS / (elapsed / 1e9), cpu / 1e3 / EVENTS);
        }
    }

    private Figures rpc() throws Exception {
        String url = server.server().binaryUrl();
        try (DeepstreamClient caller = DeepstreamClient.create(url);
                DeepstreamClient provider = DeepstreamClient.create(url)) {
            caller.login(Map.of("username", "java-caller")).get(10, TimeUnit.SECONDS);
            provider.login(Map.of("username", "java-provider")).get(10, TimeUnit.SECONDS);
            String name = "bench-java-" + System.nanoTime();
            provider.rpc().provide(name, (request, response) -> response.send(request.data()))
                .whenProvided()
                .get(10, TimeUnit.SECONDS);
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            AtomicInteger answered = new AtomicInteger();
            long cpuBefore = this.os.getProcessCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                inFlight.acquire();
                CompletableFuture<JsonNode> call = caller.rpc().make(name, PAYLOAD);
                call.whenComplete((result, failure) -> {
                    if (failure == null) {
                        answered.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> answered.get() >= CALLS);
            long elapsed = System.nanoTime() - start;
            long cpu = this.os.getProcessCpuTime() - cpuBefore;
            return new Figures(CALLS / (elapsed / 1e9), cpu / 1e3 / CALLS);
        }
    }

    private Figures connect() throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < CONNECTS; i++) {
            long start = System.nanoTime();
            try (DeepstreamClient client = DeepstreamClient.create(server.server().binaryUrl())) {
                client.login(Map.of("username", "java-connect-" + i)).get(10, TimeUnit.SECONDS);
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        millis.sort(Comparator.naturalOrder());
        return new Figures(millis.get(millis.size() / 2), 0);
    }

    /**
     * The first connect + login of a new JVM, measured inside it from before {@code create} to the login's success:
     * class loading and the first WebSocket container included; JVM start-up and the logging set-up, which an
     * application has done before, not (node's start-up is not counted either).
     */
    private Figures freshJvmConnect() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FirstConnect.class.getName(), server.server().binaryUrl())
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        Matcher millis = Pattern.compile("firstConnectMillis=(\\S+)").matcher(output);
        assertThat(millis.find()).as(output).isTrue();
        logger.info("fresh JVM: {}", output.strip());
        return new Figures(Double.parseDouble(millis.group(1)), 0);
    }

    /** Runs in the fresh JVM: one connect + login, timed. */
    public static final class FirstConnect {

        public static void main(String[] args) throws Exception {
            // an application has its logging set up before it creates a client; so has node
            LoggerFactory.getLogger(FirstConnect.class).debug("logging ready");
            long start = System.nanoTime();
            try (DeepstreamClient client = DeepstreamClient.create(args[0])) {
                long created = System.nanoTime();
                client.login(Map.of("username", "fresh")).get(30, TimeUnit.SECONDS);
                long loggedIn = System.nanoTime();
                // the parent reads the first value; the rest says where the time went
                System.out.println("firstConnectMillis=" + (loggedIn - start) / 1e6 + " createMillis="
                        + (created - start) / 1e6 + " classesLoaded="
                        + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
            }
        }

    }

    /** Events A→B paced at 2 000/s, each carrying its send time; the receiver's clock is the same JVM's. */
    private Figures latency(boolean p99) throws Exception {
        String url = server.server().binaryUrl();
        try (DeepstreamClient sender = DeepstreamClient.create(url);
                DeepstreamClient receiver = DeepstreamClient.create(url)) {
            sender.login(Map.of("username", "java-la")).get(10, TimeUnit.SECONDS);
            receiver.login(Map.of("username", "java-lb")).get(10, TimeUnit.SECONDS);
            // preallocated: a growing list would make garbage, and the collector's pauses, of its own
            double[] micros = new double[LATENCY_EVENTS];
            AtomicInteger received = new AtomicInteger();
            String name = "bench/java-latency/" + System.nanoTime();
            receiver.event().subscribe(name, (data) -> {
                double latency = (System.nanoTime() - Long.parseLong(data.stringValue())) / 1e3;
                micros[received.getAndIncrement()] = latency;
            }).whenSubscribed().get(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            for (int i = 0; i < LATENCY_EVENTS; i++) {
                long due = start + i * 1_000_000_000L / 2_000;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                sender.event().emit(name, String.valueOf(System.nanoTime()));
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> received.get() >= LATENCY_EVENTS);
            double[] sorted = micros.clone();
            Arrays.sort(sorted);
            return new Figures(sorted[(int) (sorted.length * (p99 ? 0.99 : 0.5))], 0);
        }
    }

    private Figures jsLatency(Path script, boolean p99) throws IOException {
        String printed = JsClientPeer.runScript(script, Duration.ofMinutes(5), "latency",
                server.server().binaryUrl(), String.valueOf(LATENCY_EVENTS));
        JsonNode result = this.json.readTree(printed.strip());
        return new Figures(result.get(p99 ? "p99Micros" : "p50Micros").asDouble(), 0);
    }

    private Figures js(Path script, String workload, int count) throws IOException {
        String printed = JsClientPeer.runScript(script, Duration.ofMinutes(5), workload,
                server.server().binaryUrl(), String.valueOf(count));
        JsonNode result = this.json.readTree(printed.strip());
        if (result.has("p50Millis")) {
            return new Figures(result.get("p50Millis").asDouble(), 0);
        }
        return new Figures(result.get("perSecond").asDouble(), result.get("cpuMicrosPer").asDouble());
    }

    private static double median(List<Figures> figures, ToDoubleFunction<Figures> value) {
        List<Double> sorted = figures.stream().map(value::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        int middle = sorted.size() / 2;
        return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

}
