package io.github.deepstreamspringboot.benchmark;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the JMH micro-benchmarks ({@link CodecJmh}, {@link PayloadJmh}) in a forked JVM and logs one JSON line per benchmark and
 * parameter set. JMH's own warm-up and forks make these figures steadier than the end-to-end ones, but they are
 * still only comparable within one run. Not part of {@code mvn verify}:
 * {@code mvn -B -Pbenchmark -pl deepstream-spring-boot-autoconfigure test -Dtest=MicroBenchmark}.
 */
@Tag("benchmark")
class MicroBenchmark {

    private static final Logger logger = LoggerFactory.getLogger(MicroBenchmark.class);

    @Test
    void codecsAndPayloads() throws Exception {
        Options options = new OptionsBuilder().include(CodecJmh.class.getName())
            .include(PayloadJmh.class.getName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .build();
        Collection<RunResult> results = new Runner(options).run();
        JsonMapper json = JsonMapper.builder().build();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            Map<String, Object> line = new LinkedHashMap<>();
            // the class and method, without the package
            line.put("benchmark", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
            for (String key : result.getParams().getParamsKeys()) {
                line.put(key, result.getParams().getParam(key));
            }
            line.put("nanosPerOp", Math.round(result.getPrimaryResult().getScore() * 10) / 10.0);
            line.put("error", Math.round(result.getPrimaryResult().getScoreError() * 10) / 10.0);
            logger.info("{}", json.writeValueAsString(line));
        }
        assertThat(results).isNotEmpty().allMatch((result) -> result.getPrimaryResult().getScore() > 0);
    }

}
