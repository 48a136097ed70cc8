package io.github.deepstreamspringboot.autoconfigure.health;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.deepstreamspringboot.actuate.DeepstreamHealthIndicator;
import io.github.deepstreamspringboot.autoconfigure.DeepstreamAutoConfiguration;
import io.github.deepstreamspringboot.autoconfigure.DeepstreamClientLifecycle;
import io.github.deepstreamspringboot.autoconfigure.DeepstreamProperties;
import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Registers {@link DeepstreamHealthIndicator} as health component {@code deepstream} when Spring Boot's health
 * module is present, a {@link DeepstreamClient} exists and {@code management.health.deepstream.enabled} is not
 * {@code false}. Backs off when a bean named {@code deepstreamHealthIndicator} exists.
 */
@AutoConfiguration(after = DeepstreamAutoConfiguration.class, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DeepstreamClient.class)
@ConditionalOnEnabledHealthIndicator("deepstream")
public final class DeepstreamHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "deepstreamHealthIndicator")
    DeepstreamHealthIndicator deepstreamHealthIndicator(DeepstreamClient client, DeepstreamProperties properties,
            ObjectProvider<DeepstreamClientLifecycle> lifecycle) {
        // resolved now: after shutdown the context can no longer be asked for beans
        DeepstreamClientLifecycle clientLifecycle = lifecycle.getIfAvailable();
        return new DeepstreamHealthIndicator(client, properties.getHealth().getReconnectGracePeriod(),
                () -> clientLifecycle != null && clientLifecycle.isStopped(), Clock.systemUTC());
    }

}
