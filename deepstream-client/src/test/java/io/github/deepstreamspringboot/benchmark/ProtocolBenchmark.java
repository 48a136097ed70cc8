package io.github.deepstreamspringboot.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events from client A to client B through one real server, on the binary and on the JSON endpoint, alternating in
 * one run so that both see the same machine load: events per second, and the JVM's process CPU per event (both
 * clients live in this JVM; the server is a separate process, whose CPU per event is reported beside). Two
 * workloads: flat out, where the server sets the pace and a slower endpoint also means fewer messages per wake-up,
 * and paced at a rate both sustain, which compares the client's own cost per message. Prints one JSON line per round
 * and protocol, then the medians and the binary/JSON ratios. The codecs alone are measured by {@link CodecJmh}. Not
 * part of {@code mvn verify}:
 * {@code mvn -B -Pbenchmark -pl deepstream-spring-boot-autoconfigure test -Dtest=ProtocolBenchmark}.
 */
@Tag("benchmark")
class ProtocolBenchmark {

    private static final Logger logger = LoggerFactory.getLogger(ProtocolBenchmark.class);

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);

    private static final int EVENTS = Integer.getInteger("benchmark.events", 50_000);

    private static final int WARMUP_EVENTS = 20_000;

    /** 100 bytes of payload JSON: a string of 98 characters and its quotes. */
    private static final String PAYLOAD = "p".repeat(98);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean();

    /** The paced workload's rate: well below what the server sustains, so that neither side batches. */
    private static final int PACED_RATE = 5_000;

    record Result(WireProtocol protocol, int round, double eventsPerSecond, double cpuMicrosPerEvent,
            double serverCpuMicrosPerEvent) {
    }

    @Test
    void eventsFromAToBOnBothProtocols() throws Exception {
        for (WireProtocol protocol : List.of(WireProtocol.BINARY, WireProtocol.JSON)) {
            run(protocol, WARMUP_EVENTS, 0);
        }
        compare("events A->B, flat out", EVENTS, 0);
        compare("events A->B, paced at " + PACED_RATE + "/s", PACED_RATE * 4, PACED_RATE);
    }

    /**
     * Runs one workload on both protocols, alternating.
     * @param workload its name in the output
     * @param events events per run
     * @param rate events per second, or 0 for as fast as the sender can emit
     */
    private void compare(String workload, int events, int rate) throws Exception {
        Map<WireProtocol, List<Result>> results = new EnumMap<>(WireProtocol.class);
        for (int round = 1; round <= ROUNDS; round++) {
            // alternate which protocol goes first, so that neither always runs on a warmer or cooler machine
            List<WireProtocol> order = (round % 2 == 1) ? List.of(WireProtocol.BINARY, WireProtocol.JSON)
                    : List.of(WireProtocol.JSON, WireProtocol.BINARY);
            for (WireProtocol protocol : order) {
                Result result = run(protocol, events, rate);
                Result numbered = new Result(protocol, round, result.eventsPerSecond(), result.cpuMicrosPerEvent(),
                        result.serverCpuMicrosPerEvent());
                results.computeIfAbsent(protocol, (key) -> new ArrayList<>()).add(numbered);
                logger.info("{\"workload\":\"{}\",\"protocol\":\"{}\",\"round\":{},\"events\":{},"
                        + "\"payloadBytes\":100,\"eventsPerSecond\":{},\"cpuMicrosPerEvent\":{},"
                        + "\"serverCpuMicrosPerEvent\":{}}", workload, protocol.name().toLowerCase(), round, events,
                        Math.round(numbered.eventsPerSecond()), String.format("%.2f", numbered.cpuMicrosPerEvent()),
                        String.format("%.2f", numbered.serverCpuMicrosPerEvent()));
            }
        }
        double binaryRate = median(results.get(WireProtocol.BINARY), Result::eventsPerSecond);
        double jsonRate = median(results.get(WireProtocol.JSON), Result::eventsPerSecond);
        double binaryCpu = median(results.get(WireProtocol.BINARY), Result::cpuMicrosPerEvent);
        double jsonCpu = median(results.get(WireProtocol.JSON), Result::cpuMicrosPerEvent);
        double binaryServerCpu = median(results.get(WireProtocol.BINARY), Result::serverCpuMicrosPerEvent);
        double jsonServerCpu = median(results.get(WireProtocol.JSON), Result::serverCpuMicrosPerEvent);
        logger.info("{\"workload\":\"{}\",\"summary\":\"median of {} rounds\",\"cores\":{},"
                + "\"binaryEventsPerSecond\":{},\"jsonEventsPerSecond\":{},\"binaryCpuMicrosPerEvent\":{},"
                + "\"jsonCpuMicrosPerEvent\":{},\"rateBinaryOverJson\":{},\"cpuBinaryOverJson\":{},"
                + "\"serverCpuBinaryOverJson\":{}}", workload, ROUNDS,
                Runtime.getRuntime().availableProcessors(), Math.round(binaryRate), Math.round(jsonRate),
                String.format("%.2f", binaryCpu), String.format("%.2f", jsonCpu),
                String.format("%.2f", binaryRate / jsonRate), String.format("%.2f", binaryCpu / jsonCpu),
                String.format("%.2f", binaryServerCpu / jsonServerCpu));
        assertThat(results.get(WireProtocol.BINARY)).hasSize(ROUNDS);
    }

    private Result run(WireProtocol protocol, int events, int rate) throws Exception {
        String url = server.url(protocol);
        DeepstreamOptions options = DeepstreamOptions.builder().offlineQueueMaxSize(events).build();
        try (DeepstreamClient sender = DeepstreamClient.create(url, options);
                DeepstreamClient receiver = DeepstreamClient.create(url, options)) {
            sender.login(Map.of("username", "a")).get(10, TimeUnit.SECONDS);
            receiver.login(Map.of("username", "b")).get(10, TimeUnit.SECONDS);
            AtomicInteger received = new AtomicInteger();
            String name = "bench/" + protocol + "/" + System.nanoTime();
            receiver.event().subscribe(name, (data) -> received.incrementAndGet())
                .whenSubscribed()
                .get(10, TimeUnit.SECONDS);
            long cpuBefore = this.os.getProcessCpuTime();
            Duration serverCpuBefore = server.server().cpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                if (rate > 0 && i % 50 == 0) {
                    // pacing in bursts of 50: park until this burst is due
                    long due = start + (long) (i * 1e9 / rate);
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
                sender.event().emit(name, PAYLOAD);
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> received.get() >= events);
            long elapsed = System.nanoTime() - start;
            long cpu = this.os.getProcessCpuTime() - cpuBefore;
            long serverCpu = server.server().cpuTime().minus(serverCpuBefore).toNanos();
            return new Result(protocol, 0, events / (elapsed / 1e9), cpu / 1e3 / events, serverCpu / 1e3 / events);
        }
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> value) {
        List<Double> sorted = results.stream().map(value::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        int middle = sorted.size() / 2;
        return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

}
