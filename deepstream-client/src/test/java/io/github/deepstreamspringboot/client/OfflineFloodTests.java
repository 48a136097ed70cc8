package io.github.deepstreamspringboot.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million emits while offline, the offline queue full, in a JVM with a 128 MB heap: every refusal reaches
 * the error listeners, and memory stays within the backlog's bound. Before the bound was checked on the caller's
 * thread, every emit waited on the event loop's queue first, and such a JVM died of {@code OutOfMemoryError}.
 */
class OfflineFloodTests {

    private static final int EMITS = 1_000_000;

    @Test
    void aMillionEmitsWhileOfflineAreRefusedWithinASmallHeap(@TempDir Path folder) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), Flood.class.getName(),
                "ws://127.0.0.1:" + closedPort + "/deepstream", String.valueOf(EMITS))
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("flood.log").toFile())
            .start();
        try {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the flood finished").isTrue();
        }
        finally {
            process.destroyForcibly();
        }
        String output = Files.readString(folder.resolve("flood.log"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        int queued = DeepstreamOptions.DEFAULT_OFFLINE_QUEUE_MAX_SIZE;
        assertThat(output).contains("refused=" + (EMITS - queued) + " ");
        // the refusals are summarised in the log, not one line each
        assertThat(output.lines().filter((line) -> line.contains("OFFLINE_QUEUE_FULL"))).hasSizeLessThan(10);
    }

    /** The flood, in its own JVM. Arguments: the URL of a closed port, and the number of emits. */
    public static final class Flood {

        public static void main(String[] args) throws IOException, InterruptedException {
            int emits = Integer.parseInt(args[1]);
            LongAdder refused = new LongAdder();
            try (DeepstreamClient client = DeepstreamClient.create(args[0], DeepstreamOptions.defaults())) {
                client.addErrorListener((error) -> {
                    if (error.kind() == ErrorKind.OFFLINE_QUEUE_FULL) {
                        refused.increment();
                    }
                });
                for (int i = 0; i < emits; i++) {
                    client.event().emit("flood", List.of(i, "some data to make the payload worth holding"));
                }
                Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
                while (refused.sum() < emits - DeepstreamOptions.DEFAULT_OFFLINE_QUEUE_MAX_SIZE
                        && Instant.now().isBefore(deadline)) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                Runtime runtime = Runtime.getRuntime();
                System.gc();
                long usedMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
                // the parent test reads this line
                System.out.println("refused=" + refused.sum() + " usedMb=" + usedMb);
            }
        }

    }

}
