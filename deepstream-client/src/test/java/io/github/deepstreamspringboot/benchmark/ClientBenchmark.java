package io.github.deepstreamspringboot.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our client beside deepstream's own JavaScript client ({@code @deepstream/client} 7.0.5) and beside the raw floor
 * (a bare WebSocket client sending hand-built frames, {@link RawFloor}), through the same workloads against one local
 * server on its binary endpoint, in turns within one run so that all see the same machine load: events A→B, RPC with
 * 100 calls in flight and one at a time, connect + login (also the first in a fresh process), event latency at
 * 2 000 events/s, record reads and record updates (no floor for records: it would have to be a record client).
 * Both clients of a workload live in one process (this JVM, or one node process), so "CPU per operation" is that
 * process's CPU time over the operations, both sides together.
 *
 * <p>Prints one JSON line per round and client, then one summary line per workload: the medians of each figure per
 * client, and the ratios ours / JS and ours / floor. Not part of {@code mvn verify}:
 * {@code mvn -B -Pbenchmark -pl deepstream-spring-boot-autoconfigure test -Dtest=ClientBenchmark}.
 */
@Tag("benchmark")
class ClientBenchmark {

    private static final Logger logger = LoggerFactory.getLogger(ClientBenchmark.class);

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);

    /** Runs only the workloads whose names this finds (-Dbenchmark.only=objects); all by default. */
    private static final Pattern ONLY = Pattern.compile(System.getProperty("benchmark.only", ""));

    /** Runs only the clients whose names this finds (-Dbenchmark.clients=javaNetty, for a profile); all by default. */
    private static final Pattern CLIENTS = Pattern.compile(System.getProperty("benchmark.clients", ""));

    private static final int EVENTS = Integer.getInteger("benchmark.events", 50_000);

    private static final int CALLS = Integer.getInteger("benchmark.calls", 20_000);

    private static final int SINGLE_CALLS = 2_000;

    private static final int CONNECTS = 50;

    /** Five seconds at 2 000/s. */
    private static final int LATENCY_EVENTS = 10_000;

    private static final int RECORDS = 200;

    private static final int UPDATES = 20_000;

    /** 100 bytes of payload JSON: a string of 98 characters and its quotes. */
    private static final String PAYLOAD = "p".repeat(98);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path folder;

    /** The workloads every client does, each returning its figures by name (the same names for every client). */
    interface Workloads {

        /** Events A→B flat out: {@code events/s}, {@code cpuMicrosPer}. */
        Map<String, Double> events(int count, String payload) throws Exception;

        /** RPC with a window of calls in flight: {@code calls/s}, {@code cpuMicrosPer}, {@code p50Micros}. */
        Map<String, Double> rpc(int count, int inFlight, String payload) throws Exception;

        /** Sequential connect + login: {@code p50Millis}, {@code p90Millis}. */
        Map<String, Double> connect(int count) throws Exception;

        /** Events A→B paced, carrying their send time: {@code p50Micros}, {@code p99Micros}. */
        Map<String, Double> latency(int count, int perSecond) throws Exception;

    }

    /** What users send, objects, done by the clients (the raw floor has no objects). */
    interface ObjectWorkloads {

        /**
         * Events A→B with an {@link Order} payload, emitted back to back with the futures ignored (a burst), received
         * as the type itself or as a JSON tree: {@code events/s}, {@code cpuMicrosPer}, {@code deliveredPercent}.
         */
        Map<String, Double> objectBurst(int count, boolean typed) throws Exception;

        /** RPC with a window of calls in flight, an {@link Order} each way: as {@link Workloads#rpc}. */
        Map<String, Double> objectRpc(int count, int inFlight) throws Exception;

    }

    /** What only a record client does. */
    interface RecordWorkloads {

        /** Reads, one at a time and all at once: {@code oneAtATimeP50Millis}, {@code allAtOnceMillis}. */
        Map<String, Double> records(int count, String prefix) throws Exception;

        /** Updates of one record's path, watched by a second client: {@code updates/s}, {@code cpuMicrosPer}. */
        Map<String, Double> recordUpdates(int count) throws Exception;

    }

    /** What users send: a record of three fields, about 100 bytes of JSON. */
    record Order(long id, String customer, String note) {

        static Order of(long id) {
            return new Order(id, "customer-" + id + "-of-the-benchmark", "deliver to the back door, ring twice");
        }

    }

    interface Run {

        Map<String, Double> run() throws Exception;

    }

    @Test
    void oursBesideTheJavaScriptClientAndTheRawFloor() throws Exception {
        String url = server.server().binaryUrl();
        OurClient ours = new OurClient(url, TransportType.STANDARD);
        OurClient netty = new OurClient(url, TransportType.REACTOR_NETTY);
        JsClient js = new JsClient(this.folder, url);
        RawFloor raw = new RawFloor(url, RawClient::login);
        RawFloor jdk = new RawFloor(url, JdkRawSocket::login);
        RawFloor nettyFloor = new RawFloor(url, NettyRawSocket::login);
        // warm up: the JIT for ours and the floor, the module cache and the server for all (-Dbenchmark.warmup=false
        // leaves it out, for a profile of one workload alone)
        if (Boolean.parseBoolean(System.getProperty("benchmark.warmup", "true"))) {
            warmUp(ours, js, raw);
            warmUp(netty, null, nettyFloor);
        }

        // the transports alone: Tomcat (ours, "raw"), the JDK's WebSocket client, Reactor Netty
        compareFloors("floors: events A->B, 50 000 x 100 B", raw, jdk, nettyFloor,
                (floor) -> floor.events(EVENTS, PAYLOAD));
        compareFloors("floors: rpc, 100 in flight", raw, jdk, nettyFloor, (floor) -> floor.rpc(CALLS, 100, PAYLOAD));
        // ours on both transports ("java" standard, "javaNetty"), JS, and where there is one the Tomcat floor
        compare("events A->B, 50 000 x 100 B", (client) -> client.events(EVENTS, PAYLOAD), ours, netty,
                () -> js.events(EVENTS, PAYLOAD), () -> raw.events(EVENTS, PAYLOAD));
        compare("events A->B, 50 000 objects in a burst, received as the type",
                (client) -> client.objectBurst(EVENTS, true), ours, netty, () -> js.objectBurst(EVENTS, true), null);
        compare("events A->B, 50 000 objects in a burst, received as a tree",
                (client) -> client.objectBurst(EVENTS, false), ours, netty, () -> js.objectBurst(EVENTS, false), null);
        compare("rpc, 100 in flight, objects", (client) -> client.objectRpc(CALLS, 100), ours, netty,
                () -> js.objectRpc(CALLS, 100), null);
        compare("rpc, 100 in flight", (client) -> client.rpc(CALLS, 100, PAYLOAD), ours, netty,
                () -> js.rpc(CALLS, 100, PAYLOAD), () -> raw.rpc(CALLS, 100, PAYLOAD));
        compare("rpc, one at a time", (client) -> client.rpc(SINGLE_CALLS, 1, PAYLOAD), ours, netty,
                () -> js.rpc(SINGLE_CALLS, 1, PAYLOAD), () -> raw.rpc(SINGLE_CALLS, 1, PAYLOAD));
        compare("connect + login", (client) -> client.connect(CONNECTS), ours, netty, () -> js.connect(CONNECTS),
                () -> raw.connect(CONNECTS));
        compare("first connect + login in a fresh process", (client) -> FirstConnect.inFreshJvm(url, false), ours,
                null, () -> Map.of("firstMillis", js.connect(1).get("p50Millis")),
                () -> FirstConnect.inFreshJvm(url, true));
        compare("event latency at 2 000/s", (client) -> client.latency(LATENCY_EVENTS, 2_000), ours, netty,
                () -> js.latency(LATENCY_EVENTS, 2_000), () -> raw.latency(LATENCY_EVENTS, 2_000));
        compare("record reads, 200 records",
                (client) -> client.records(RECORDS, "bench-rec/java/" + System.nanoTime() + "/"), ours, netty,
                () -> js.records(RECORDS, "bench-rec/js/" + System.nanoTime() + "/"), null);
        compare("record updates, 20 000 on one record", (client) -> client.recordUpdates(UPDATES), ours, netty,
                () -> js.recordUpdates(UPDATES), null);
    }

    private static void warmUp(OurClient ours, JsClient js, RawFloor raw) throws Exception {
        ours.events(EVENTS, PAYLOAD);
        raw.events(EVENTS, PAYLOAD);
        ours.rpc(CALLS / 4, 100, PAYLOAD);
        raw.rpc(CALLS / 4, 100, PAYLOAD);
        if (js != null) {
            js.events(20_000, PAYLOAD);
            js.rpc(CALLS / 4, 100, PAYLOAD);
        }
    }

    /** A workload done by our client, on whichever transport it was made for. */
    interface OursRun {

        Map<String, Double> run(OurClient client) throws Exception;

    }

    /**
     * Runs the clients in turns, the order rotating each round so that none always meets a warmer or cooler machine,
     * then logs the medians and the ratios: ours on the standard transport and, unless {@code null}, on Reactor Netty.
     */
    private void compare(String workload, OursRun run, OurClient ours, OurClient oursOnNetty, Run js, Run raw)
            throws Exception {
        Map<String, Run> clients = new LinkedHashMap<>();
        clients.put("java", () -> run.run(ours));
        clients.put("js", js);
        Map<String, List<String>> ratios = new LinkedHashMap<>();
        ratios.put("javaOverJs", List.of("java", "js"));
        if (oursOnNetty != null) {
            clients.put("javaNetty", () -> run.run(oursOnNetty));
            ratios.put("javaNettyOverJs", List.of("javaNetty", "js"));
            ratios.put("javaNettyOverJava", List.of("javaNetty", "java"));
        }
        if (raw != null) {
            clients.put("raw", raw);
            ratios.put("javaOverRaw", List.of("java", "raw"));
        }
        compare(workload, clients, ratios);
    }

    /** The raw floors on the three transports, with the JDK's and Reactor Netty's over Tomcat's. */
    private void compareFloors(String workload, RawFloor tomcat, RawFloor jdk, RawFloor netty, FloorRun run)
            throws Exception {
        Map<String, Run> floors = new LinkedHashMap<>();
        floors.put("tomcat", () -> run.on(tomcat));
        floors.put("jdk", () -> run.on(jdk));
        floors.put("netty", () -> run.on(netty));
        compare(workload, floors, Map.of("jdkOverTomcat", List.of("jdk", "tomcat"), "nettyOverTomcat",
                List.of("netty", "tomcat")));
    }

    interface FloorRun {

        Map<String, Double> on(RawFloor floor) throws Exception;

    }

    /**
     * @param clients the clients by name
     * @param ratios each ratio's name, with the names of the client over which other
     */
    private void compare(String workload, Map<String, Run> clients, Map<String, List<String>> ratios)
            throws Exception {
        if (!ONLY.matcher(workload).find()) {
            return;
        }
        List<String> names = clients.keySet().stream().filter((name) -> CLIENTS.matcher(name).find()).toList();
        Map<String, List<Map<String, Double>>> rounds = new LinkedHashMap<>();
        names.forEach((name) -> rounds.put(name, new ArrayList<>()));
        for (int round = 0; round < ROUNDS; round++) {
            for (int turn = 0; turn < names.size(); turn++) {
                String name = names.get((round + turn) % names.size());
                Map<String, Double> figures = clients.get(name).run();
                rounds.get(name).add(figures);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("workload", workload);
                line.put("client", name);
                line.put("round", round + 1);
                line.putAll(rounded(figures));
                logger.info("{}", this.json.writeValueAsString(line));
            }
        }
        Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
        rounds.forEach((name, figures) -> medians.put(name, medians(figures)));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("workload", workload);
        summary.put("summary", "median of " + ROUNDS + " rounds");
        summary.put("cores", Runtime.getRuntime().availableProcessors());
        summary.put("loadAverage", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        medians.forEach((name, figures) -> summary.put(name, rounded(figures)));
        ratios.forEach((ratio, pair) -> {
            if (medians.containsKey(pair.get(0)) && medians.containsKey(pair.get(1))) {
                summary.put(ratio, ratios(medians.get(pair.get(0)), medians.get(pair.get(1))));
            }
        });
        logger.info("{}", this.json.writeValueAsString(summary));
        rounds.values().forEach((figures) -> assertThat(figures).hasSize(ROUNDS)
            .allSatisfy((round) -> assertThat(round.values()).isNotEmpty().allMatch((value) -> value > 0)));
    }

    private static Map<String, Double> medians(List<Map<String, Double>> rounds) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String figure : rounds.get(0).keySet()) {
            double[] values = rounds.stream().mapToDouble((round) -> round.get(figure)).sorted().toArray();
            int middle = values.length / 2;
            medians.put(figure, (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2);
        }
        return medians;
    }

    private static Map<String, Double> ratios(Map<String, Double> ours, Map<String, Double> theirs) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        ours.forEach((figure, value) -> {
            Double other = theirs.get(figure);
            if (other != null && other > 0) {
                // three decimals: records are hundreds of times faster, and 0.0 would say nothing
                ratios.put(figure, Math.round(value / other * 1000) / 1000.0);
            }
        });
        return ratios;
    }

    private static Map<String, Double> rounded(Map<String, Double> figures) {
        Map<String, Double> rounded = new LinkedHashMap<>();
        figures.forEach((figure, value) -> rounded.put(figure, round(value)));
        return rounded;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A rate and the CPU per operation. */
    static Map<String, Double> rate(String unit, int count, long elapsedNanos, long cpuNanos) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(unit, count / (elapsedNanos / 1e9));
        figures.put("cpuMicrosPer", cpuNanos / 1e3 / count);
        return figures;
    }

    /** The rate, the CPU per call and the calls' p50 round trip. */
    static Map<String, Double> rpcFigures(int count, long elapsedNanos, long cpuNanos, double[] micros) {
        Map<String, Double> figures = rate("calls/s", count, elapsedNanos, cpuNanos);
        figures.put("p50Micros", percentile(micros, 0.5));
        return figures;
    }

    /** Opens something that connects and logs in. */
    interface Connector {

        AutoCloseable login(int index) throws Exception;

    }

    /** Sequential connects + logins, each timed until logged in and closed after: the p50 and p90. */
    static Map<String, Double> connects(int count, Connector connector) throws Exception {
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            try (AutoCloseable client = connector.login(i)) {
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("p50Millis", percentile(millis, 0.5));
        figures.put("p90Millis", percentile(millis, 0.9));
        return figures;
    }

    static Map<String, Double> latencyFigures(double[] micros) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("p50Micros", percentile(micros, 0.5));
        figures.put("p99Micros", percentile(micros, 0.99));
        return figures;
    }

    static Map<String, Double> recordReadFigures(double[] oneAtATimeMillis, double allAtOnceMillis) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("oneAtATimeP50Millis", percentile(oneAtATimeMillis, 0.5));
        figures.put("allAtOnceMillis", allAtOnceMillis);
        return figures;
    }

    /** The same rank as the JS script takes: the value at index floor(n × p) of the sorted values. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    /** This process's CPU time, all threads. */
    static final class Cpu {

        private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();

        long nanos() {
            return this.os.getProcessCpuTime();
        }

    }

}
