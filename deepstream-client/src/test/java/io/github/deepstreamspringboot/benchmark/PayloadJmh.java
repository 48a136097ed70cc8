package io.github.deepstreamspringboot.benchmark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.internal.Payloads;

/**
 * JMH micro-benchmarks of turning a caller's value into a payload, on the caller's thread before anything is queued:
 * a string (wrapped without Jackson), a map and a record (through Jackson's tree). Run by {@link MicroBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PayloadJmh {

    /** A record as callers write them. */
    public record Order(String id, int quantity, double price, boolean paid, String customer) {
    }

    private final Payloads payloads = new Payloads(JsonMapper.builder().build());

    private final String text = "p".repeat(98);

    private final Map<String, Object> map = Map.of("id", 42, "name", "a name of some length", "active", true, "score",
            3.25, "tags", List.of("a", "b"));

    private final Order order = new Order("o-1234", 3, 19.99, false, "customer-5678");

    @Benchmark
    public Object fromString() {
        return this.payloads.toJson(this.text);
    }

    @Benchmark
    public Object fromMap() {
        return this.payloads.toJson(this.map);
    }

    @Benchmark
    public Object fromRecord() {
        return this.payloads.toJson(this.order);
    }

}
