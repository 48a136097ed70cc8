package io.github.deepstreamspringboot.autoconfigure;

import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Customizes the auto-configured {@link DeepstreamClient} before it connects, for example to add listeners that
 * must see every state. Beans of this type are called in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface DeepstreamClientCustomizer {

    /**
     * Customizes the client.
     * @param client the client, not connected yet
     */
    void customize(DeepstreamClient client);

}
