package io.github.deepstreamspringboot.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.devserver.JsClientPeer;

/**
 * The benchmark's workloads done by deepstream's JavaScript client: one node process per run of {@code js-bench.js},
 * which measures inside itself (its CPU from {@code process.cpuUsage()}) and prints its figures as one JSON object
 * with the same names as ours.
 */
final class JsClient implements ClientBenchmark.Workloads, ClientBenchmark.ObjectWorkloads,
        ClientBenchmark.RecordWorkloads {

    private final Path script;

    private final String url;

    private final JsonMapper json = JsonMapper.builder().build();

    JsClient(Path folder, String url) throws IOException {
        this.script = folder.resolve("js-bench.js");
        try (InputStream in = getClass().getResourceAsStream("js-bench.js")) {
            Files.copy(in, this.script);
        }
        this.url = url;
    }

    @Override
    public Map<String, Double> events(int count, String payload) throws IOException {
        return run("events", count, 0);
    }

    @Override
    public Map<String, Double> rpc(int count, int inFlight, String payload) throws IOException {
        return run("rpc", count, inFlight);
    }

    @Override
    public Map<String, Double> objectBurst(int count, boolean typed) throws IOException {
        // JavaScript has no types to bind to: both are the parsed object
        return run("objectEvents", count, 0);
    }

    @Override
    public Map<String, Double> objectRpc(int count, int inFlight) throws IOException {
        return run("objectRpc", count, inFlight);
    }

    @Override
    public Map<String, Double> connect(int count) throws IOException {
        return run("connect", count, 0);
    }

    @Override
    public Map<String, Double> latency(int count, int perSecond) throws IOException {
        return run("latency", count, perSecond);
    }

    @Override
    public Map<String, Double> records(int count, String prefix) throws IOException {
        return run("records", count, prefix);
    }

    @Override
    public Map<String, Double> recordUpdates(int count) throws IOException {
        return run("recordUpdates", count, 0);
    }

    private Map<String, Double> run(String workload, int count, Object argument) throws IOException {
        String printed = JsClientPeer.runScript(this.script, Duration.ofMinutes(5), workload, this.url,
                String.valueOf(count), String.valueOf(argument));
        Map<String, Double> figures = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : this.json.readTree(printed.strip()).properties()) {
            figures.put(field.getKey(), field.getValue().asDouble());
        }
        return figures;
    }

}
