package io.github.deepstreamspringboot.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.benchmark.RawClient;
import io.github.deepstreamspringboot.benchmark.RawFrames;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow consumer under a flood: in a JVM of its own with a 64 MB heap and heartbeats every second, one event handler
 * blocks while a million events of about 200 bytes arrive for it. Its pending messages stay within
 * {@code handlerMaxPending}, the rest are dropped and counted, {@code SLOW_CONSUMER} is reported once, heartbeats are
 * still answered (no reconnection), another subscription is still delivered meanwhile, and once the handler returns it
 * catches up and gets new events again. Before handlers were bounded, such a JVM queued every event and missed its
 * heartbeats during the flood.
 */
@EachTransport
class SlowConsumerFloodIntegrationTests {

    private static final int EVENTS = 1_000_000;

    private static final int OTHERS = 10;

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final TransportType transport;

    SlowConsumerFloodIntegrationTests(TransportType transport) {
        this.transport = transport;
    }

    @Test
    void aBlockedHandlerDropsItsOverflowAndNothingElseSuffers() throws Exception {
        String url = server.url(WireProtocol.BINARY);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), Receiver.class.getName(), url,
                this.transport.name())
            .redirectErrorStream(true)
            .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(process, output), "flood-receiver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> output.contains("ready"));
            String data = "{\"id\":%d,\"text\":\"" + "x".repeat(160) + "\"}";
            try (RawClient emitter = RawClient.login(url, "emitter")) {
                long start = System.nanoTime();
                for (int i = 0; i < EVENTS; i++) {
                    emitter.send(RawFrames.eventEmit("flood", String.format(data, i)));
                    if (i % (EVENTS / OTHERS) == 0) {
                        emitter.send(RawFrames.eventEmit("other", String.valueOf(i)));
                    }
                }
                // one more after the flood: once it arrives, the receiver has dispatched every flood event
                emitter.send(RawFrames.eventEmit("other", "end"));
                // while the flood handler is still blocked, the other subscription got every one of its events
                await().atMost(Duration.ofMinutes(3)).until(() -> output.contains("other " + (OTHERS + 1)));
                System.out.printf("flood of %d events received in %d ms%n", EVENTS,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                assertThat(output).contains("blocked").doesNotContain("released");
                release(process);
                await().atMost(Duration.ofSeconds(60))
                    .until(() -> output.stream().anyMatch((line) -> line.contains("caught up after")));
                emitter.send(RawFrames.eventEmit("flood", "\"last\""));
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the receiver finished: %s", output).isTrue();
            }
        }
        finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
        String summary = output.stream().filter((line) -> line.startsWith("handled=")).findFirst().orElseThrow();
        System.out.println("receiver: " + summary);
        long handled = Long.parseLong(field(summary, "handled"));
        long dropped = Long.parseLong(field(summary, "dropped"));
        // every event reached the client, and each was either handled or counted as dropped: none vanished
        assertThat(handled + dropped).as(summary).isEqualTo(EVENTS + 1);
        assertThat(dropped).as(summary).isPositive();
        assertThat(handled).as(summary).isLessThanOrEqualTo(DeepstreamOptions.DEFAULT_HANDLER_MAX_PENDING + 2L);
        assertThat(field(summary, "missedHeartbeats")).as(String.join("\n", output)).isEqualTo("0");
        assertThat(output).filteredOn((line) -> line.startsWith("error SLOW_CONSUMER")).containsExactly(
                "error SLOW_CONSUMER flood");
        assertThat(output).filteredOn((line) -> line.startsWith("error ") && !line.contains("SLOW_CONSUMER"))
            .isEmpty();
        assertThat(output).noneMatch((line) -> line.equals("state RECONNECTING"));
    }

    private static void release(Process process) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write("release\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static void readLines(Process process, List<String> output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
        }
        catch (IOException ex) {
            output.add("reading failed: " + ex);
        }
    }

    private static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException(name + " not in " + line);
    }

    /** The receiver, in its own JVM. Argument: the server's URL. Reports on stdout; "release" on stdin unblocks. */
    public static final class Receiver {

        public static void main(String[] args) throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch last = new CountDownLatch(1);
            Thread stdin = new Thread(() -> {
                try {
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                }
                catch (IOException ex) {
                    // the parent is gone; release anyway
                }
                release.countDown();
            });
            stdin.setDaemon(true);
            stdin.start();
            LongAdder handled = new LongAdder();
            AtomicInteger others = new AtomicInteger();
            DeepstreamOptions options = DeepstreamOptions.builder()
                .heartbeatInterval(Duration.ofSeconds(1))
                .transport(TransportType.valueOf(args[1]))
                .build();
            try (DeepstreamClient client = DeepstreamClient.create(args[0], options)) {
                client.addErrorListener((error) -> System.out.println("error " + error.kind() + " " + error.name()));
                client.addConnectionStateListener((change) -> System.out.println("state " + change.current()));
                client.login(Map.of("username", "receiver")).get(10, TimeUnit.SECONDS);
                client.event().subscribe("flood", (data) -> {
                    if (handled.sum() == 0) {
                        System.out.println("blocked");
                        awaitQuietly(release);
                        System.out.println("released");
                    }
                    handled.increment();
                    if (data.isString() && data.stringValue().equals("last")) {
                        last.countDown();
                    }
                }).whenSubscribed().get(10, TimeUnit.SECONDS);
                client.event().subscribe("other", (data) -> System.out.println("other " + others.incrementAndGet()))
                    .whenSubscribed().get(10, TimeUnit.SECONDS);
                System.out.println("ready");
                if (!last.await(5, TimeUnit.MINUTES)) {
                    System.out.println("the last event never came");
                    System.exit(2);
                }
                ConnectionStatistics statistics = client.getStatistics();
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                System.out.println("handled=" + handled.sum() + " dropped=" + statistics.getSlowConsumerDropped()
                        + " missedHeartbeats=" + statistics.getMissedHeartbeats() + " heapAfterGcMb="
                        + (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024) + " lastRoundTrip="
                        + statistics.getLastHeartbeatRoundTrip());
            }
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

    }

}
