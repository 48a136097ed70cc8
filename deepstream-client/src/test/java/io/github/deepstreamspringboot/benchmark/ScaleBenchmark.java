package io.github.deepstreamspringboot.benchmark;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.event.EventSubscription;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.JsClientPeer;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients in one process: 1 000 by default ({@code -Dbenchmark.clients}), each logged in (all at once) and then
 * subscribed to 10 events, then idle for 60 s ({@code -Dbenchmark.idleSeconds}). For ours on each transport, and for
 * the JavaScript client in one node process: the time until all are logged in, the heap per client after a collection
 * (the heap's growth over the clients' count), the process's threads, and the CPU spent while idle (heartbeats only),
 * per minute; the threads are counted right after the subscriptions and again after the idle time. One JSON line per
 * client kind ({@code -Dbenchmark.clients=javaNetty} runs only the kinds it finds). Not part of {@code mvn verify}:
 * {@code mvn -B -Pbenchmark -pl deepstream-client test -Dtest=ScaleBenchmark}.
 */
@Tag("benchmark")
class ScaleBenchmark {

    private static final Logger logger = LoggerFactory.getLogger(ScaleBenchmark.class);

    private static final int CLIENTS = Integer.getInteger("benchmark.clients", 1_000);

    private static final int SUBSCRIPTIONS = 10;

    private static final int IDLE_SECONDS = Integer.getInteger("benchmark.idleSeconds", 60);

    /** Runs only the client kinds whose names this finds (-Dbenchmark.clients=javaNetty); all by default. */
    private static final Pattern KINDS = Pattern.compile(System.getProperty("benchmark.clients", ""));

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final JsonMapper json = JsonMapper.builder().build();

    private final ClientBenchmark.Cpu cpu = new ClientBenchmark.Cpu();

    @TempDir
    Path folder;

    @Test
    void manyIdleClientsInOneProcess() throws Exception {
        run("java", () -> ours(TransportType.STANDARD));
        run("javaNetty", () -> ours(TransportType.REACTOR_NETTY));
        run("js", this::js);
    }

    private void run(String kind, ClientBenchmark.Run clients) throws Exception {
        if (KINDS.matcher(kind).find()) {
            report(kind, clients.run());
        }
    }

    private Map<String, Double> ours(TransportType transport) throws Exception {
        String url = server.server().binaryUrl();
        DeepstreamOptions options = DeepstreamOptions.builder().transport(transport).build();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = heapAfterGc();
        List<DeepstreamClient> clients = new ArrayList<>();
        try {
            long start = System.nanoTime();
            List<CompletableFuture<?>> logins = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                DeepstreamClient client = DeepstreamClient.create(url, options);
                clients.add(client);
                logins.add(client.login(Map.of("username", "java-scale-" + i)));
            }
            CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            double connectAllMillis = (System.nanoTime() - start) / 1e6;
            List<CompletableFuture<?>> subscribed = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                for (int s = 0; s < SUBSCRIPTIONS; s++) {
                    EventSubscription subscription = clients.get(i).event()
                        .subscribe("scale/" + i + "/" + s, (JsonNode data) -> {
                        });
                    subscribed.add(subscription.whenSubscribed());
                }
            }
            CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            double heapKBPerClient = (heapAfterGc() - heapBefore) / 1024.0 / CLIENTS;
            int threads = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
            long cpuBefore = this.cpu.nanos();
            idle();
            double idleCpuMillis = (this.cpu.nanos() - cpuBefore) / 1e6;
            // pools end idle threads after 30 s: what is left after the idle time is what idle clients hold
            int threadsIdle = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("connectAllMillis", connectAllMillis);
            figures.put("heapKBPerClient", heapKBPerClient);
            figures.put("threads", (double) threads);
            figures.put("threadsAfterIdle", (double) threadsIdle);
            figures.put("idleCpuMillisPerMinute", idleCpuMillis * 60 / IDLE_SECONDS);
            return figures;
        }
        finally {
            clients.parallelStream().forEach(DeepstreamClient::close);
        }
    }

    private Map<String, Double> js() throws Exception {
        Path script = this.folder.resolve("js-bench.js");
        try (InputStream in = getClass().getResourceAsStream("js-bench.js")) {
            Files.copy(in, script);
        }
        String printed = JsClientPeer.runScript(script, Duration.ofSeconds(IDLE_SECONDS).plusMinutes(5), "scale",
                server.server().binaryUrl(), String.valueOf(CLIENTS), String.valueOf(IDLE_SECONDS));
        Map<String, Double> figures = new LinkedHashMap<>();
        this.json.readTree(printed.strip()).properties()
            .forEach((field) -> figures.put(field.getKey(), field.getValue().asDouble()));
        return figures;
    }

    /** The benchmark's idle time: parks, as an application thread that does nothing would. */
    private static void idle() {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private void report(String client, Map<String, Double> figures) throws Exception {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("workload", CLIENTS + " idle clients, " + SUBSCRIPTIONS + " subscriptions each");
        line.put("client", client);
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        figures.forEach((figure, value) -> line.put(figure, Math.round(value * 100) / 100.0));
        logger.info("{}", this.json.writeValueAsString(line));
        assertThat(figures.get("connectAllMillis")).isPositive();
    }

}
