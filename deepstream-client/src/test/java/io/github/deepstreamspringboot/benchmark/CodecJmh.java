package io.github.deepstreamspringboot.benchmark;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.internal.protocol.BinaryMessageCodec;
import io.github.deepstreamspringboot.client.internal.protocol.EventAction;
import io.github.deepstreamspringboot.client.internal.protocol.Frame;
import io.github.deepstreamspringboot.client.internal.protocol.JsonMessageCodec;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.MessageCodec;
import io.github.deepstreamspringboot.client.internal.protocol.RecordAction;

/**
 * JMH micro-benchmarks of what every message costs on the client's own threads: the codecs (binary and JSON, encode
 * and decode) on an event with a 100-byte string and on a record update with an object. Run by
 * {@link MicroBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecJmh {

    /** The endpoint's codec. */
    @Param({ "binary", "json" })
    public String protocol;

    /** {@code event}: an EMIT with a 100-byte string; {@code record}: an UPDATE of an object of five fields. */
    @Param({ "event", "record" })
    public String message;

    private MessageCodec codec;

    private Message decoded;

    private Frame encoded;

    private final Payloads payloads = new Payloads(JsonMapper.builder().build());

    private final Map<String, Object> object = Map.of("id", 42, "name", "a name of some length", "active", true,
            "score", 3.25, "tags", java.util.List.of("a", "b"));

    @Setup
    public void setUp() {
        this.codec = this.protocol.equals("binary") ? new BinaryMessageCodec() : new JsonMessageCodec();
        this.decoded = this.message.equals("event")
                ? Message.builder(EventAction.EMIT).name("bench/codec").payload(this.payloads.toJson("p".repeat(98)))
                    .build()
                : Message.builder(RecordAction.UPDATE).name("bench/record").version(7).payload(
                        this.payloads.toJson(this.object)).build();
        this.encoded = this.codec.encode(this.decoded);
    }

    @Benchmark
    public Frame encode() {
        return this.codec.encode(this.decoded);
    }

    @Benchmark
    public Message decode() throws Exception {
        return this.codec.decode(this.encoded);
    }

}
