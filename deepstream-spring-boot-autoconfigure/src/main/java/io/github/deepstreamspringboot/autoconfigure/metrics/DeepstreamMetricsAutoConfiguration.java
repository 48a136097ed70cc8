package io.github.deepstreamspringboot.autoconfigure.metrics;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.deepstreamspringboot.actuate.DeepstreamMetrics;
import io.github.deepstreamspringboot.autoconfigure.DeepstreamAutoConfiguration;
import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Binds {@link DeepstreamMetrics} for every {@link DeepstreamClient} bean when Micrometer is present and a
 * {@link MeterRegistry} exists.
 */
@AutoConfiguration(after = DeepstreamAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, DeepstreamClient.class })
public final class DeepstreamMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeepstreamMetrics deepstreamMetrics(Map<String, DeepstreamClient> clients) {
        return new DeepstreamMetrics(clients);
    }

}
