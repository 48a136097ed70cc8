package io.github.deepstreamspringboot.autoconfigure;

import io.github.deepstreamspringboot.client.DeepstreamOptions;

/**
 * Customizes the auto-configured {@link DeepstreamOptions} after the properties are applied. Beans of this type are
 * called in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface DeepstreamOptionsBuilderCustomizer {

    /**
     * Customizes the options.
     * @param builder the builder holding the values from the properties
     */
    void customize(DeepstreamOptions.Builder builder);

}
