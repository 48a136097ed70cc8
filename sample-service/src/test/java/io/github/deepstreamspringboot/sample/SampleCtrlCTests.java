package io.github.deepstreamspringboot.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.deepstreamspringboot.client.DeepstreamClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ctrl+C on the sample with its local deepstream server, as a new user does it first: SIGINT to the whole process
 * group (what a terminal sends), and to the JVM alone. The server must outlive the application's own shutdown: the
 * log shows no warning or error (no lost connection, no reconnection, no provider left waiting), the providers are
 * withdrawn while the connection is open, the client drains and closes, then the server stops.
 */
class SampleCtrlCTests {

    @ParameterizedTest(name = "SIGINT to the {0}")
    @ValueSource(strings = { "process group", "JVM alone" })
    void ctrlCStopsTheSampleCleanly(String target) throws Exception {
        boolean toGroup = target.equals("process group");
        try (ForkedSample sample = ForkedSample.start("ctrl-c-" + (toGroup ? "group" : "jvm"),
                "--deepstream.dev-server.enabled=true")) {
            int serverPort = devServerPort(sample.output());
            // the providers answer before: what is withdrawn on shutdown was really provided. Ready means logged in;
            // the providers go out right after the login, and the server may see this caller's call first
            // (NO_RPC_PROVIDER), so wait for an answer
            try (DeepstreamClient caller = DeepstreamClient.create("ws://127.0.0.1:" + serverPort)) {
                caller.login(Map.of("username", "sample-service", "password", "sample-secret")).get(10,
                        TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> caller.rpc()
                    .make("sample/sum", List.of(1, 2), Long.class).get(10, TimeUnit.SECONDS) == 3L);
            }

            sample.signal("INT", toGroup);
            int exitCode = sample.awaitExit();

            String output = sample.output();
            assertThat(exitCode).as(output).isIn(0, 130);
            assertThat(sample.warnings()).as(output).isEmpty();
            int withdrawn = output.indexOf("Withdrew 2 @DeepstreamRpcProvider");
            int drained = output.indexOf("deepstream client drained in");
            int closed = output.indexOf("OPEN -> CLOSED (closed by the application)");
            int serverStopped = output.indexOf("deepstream server on port " + serverPort + " stopped");
            assertThat(List.of(withdrawn, drained, closed, serverStopped)).as(output).doesNotContain(-1).isSorted();
            assertThat(output).doesNotContain("RECONNECTING");
        }
    }

    /** The dev server's port, from its start-up line. */
    private static int devServerPort(String output) {
        String marker = "is running on 127.0.0.1:";
        int start = output.indexOf(marker);
        assertThat(start).as(output).isNotNegative();
        start += marker.length();
        int end = start;
        while (Character.isDigit(output.charAt(end))) {
            end++;
        }
        return Integer.parseInt(output.substring(start, end));
    }

}
