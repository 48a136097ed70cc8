package io.github.deepstreamspringboot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.deepstreamspringboot.annotation.DeepstreamAnnotationBeanPostProcessor;
import io.github.deepstreamspringboot.annotation.DeepstreamHandlerRegistry;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;

/**
 * Processing of {@code @DeepstreamEventListener} and {@code @DeepstreamRpcProvider} methods: a post-processor that
 * finds them and a registry that registers them with the client while the context runs.
 */
@Configuration(proxyBeanMethods = false)
class DeepstreamAnnotationDrivenConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static DeepstreamAnnotationBeanPostProcessor deepstreamAnnotationBeanPostProcessor() {
        return new DeepstreamAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    DeepstreamHandlerRegistry deepstreamHandlerRegistry(DeepstreamAnnotationBeanPostProcessor processor,
            DeepstreamClient client, DeepstreamOptions options, DeepstreamProperties properties) {
        return new DeepstreamHandlerRegistry(processor, client, options.jsonMapper(),
                properties.getShutdown().getDrainTimeout());
    }

}
