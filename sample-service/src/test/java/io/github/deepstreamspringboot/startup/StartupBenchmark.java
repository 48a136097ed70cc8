package io.github.deepstreamspringboot.startup;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter adds to a Boot application's start-up: {@link StartupApplication} (web, Actuator, Prometheus)
 * started in fresh JVMs, in pairs with {@code deepstream.enabled=false} and with a client configured for a running
 * local server, the order alternating. The figure is Boot's own "Started … in" time; login is asynchronous, so the
 * connection is not in it (as in an application). Logs each pair and one summary line: the medians and the median
 * of the paired differences. Not part of {@code mvn verify}:
 * {@code mvn -B -DskipTests install && mvn -B -Pbenchmark -pl sample-service test -Dtest=StartupBenchmark}.
 */
@Tag("benchmark")
class StartupBenchmark {

    private static final Logger logger = LoggerFactory.getLogger(StartupBenchmark.class);

    private static final int PAIRS = Integer.getInteger("benchmark.startups", 7);

    private static final Pattern STARTED = Pattern.compile("Started StartupApplication in (\\S+) seconds");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void whatTheStarterAddsToStartUp() throws Exception {
        try (LocalDeepstreamServer server = LocalDeepstreamServer.builder().build()) {
            server.start();
            String url = server.binaryUrl();
            // the first start of each reads the jars from disk; not counted
            startedMillis(url, false);
            startedMillis(url, true);
            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            List<Double> added = new ArrayList<>();
            for (int pair = 0; pair < PAIRS; pair++) {
                boolean withFirst = pair % 2 == 0;
                double first = startedMillis(url, withFirst);
                double second = startedMillis(url, !withFirst);
                double withMillis = withFirst ? first : second;
                double withoutMillis = withFirst ? second : first;
                with.add(withMillis);
                without.add(withoutMillis);
                added.add(withMillis - withoutMillis);
                logger.info("{\"pair\":{},\"withMillis\":{},\"withoutMillis\":{}}", pair + 1, withMillis,
                        withoutMillis);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("workload", "Boot start-up, web + actuator, with and without the starter");
            summary.put("pairs", PAIRS);
            summary.put("withMillisMedian", median(with));
            summary.put("withoutMillisMedian", median(without));
            summary.put("addedMillisMedian", median(added));
            summary.put("addedMillisMin", added.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            summary.put("addedMillisMax", added.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            logger.info("{}", this.json.writeValueAsString(summary));
            assertThat(with).allMatch((millis) -> millis > 0);
        }
    }

    /** Starts the application in a new JVM, reads Boot's start-up time from its log, and stops it. */
    private static double startedMillis(String url, boolean deepstream) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                // not the sample's application.properties, which is on this class path too
                StartupApplication.class.getName(), "--spring.config.name=startup-benchmark", "--server.port=0", "--server.address=127.0.0.1",
                "--management.endpoints.web.exposure.include=health,prometheus"));
        command.add(deepstream ? "--deepstream.url=" + url : "--deepstream.enabled=false");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            CompletableFuture<Double> started = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    StringBuilder output = new StringBuilder();
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        Matcher matcher = STARTED.matcher(line);
                        if (matcher.find()) {
                            return Double.parseDouble(matcher.group(1)) * 1000;
                        }
                        output.append(line).append('\n');
                    }
                    throw new IllegalStateException("the application ended before it started:\n" + output);
                }
                catch (java.io.IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            return started.get(2, TimeUnit.MINUTES);
        }
        finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

}
