package io.github.deepstreamspringboot.autoconfigure;

import org.springframework.context.ApplicationEventPublisher;

import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Republishes a client's state changes, errors and login answers as Spring application events
 * ({@link DeepstreamConnectionStateChangedEvent}, {@link DeepstreamErrorEvent}, {@link DeepstreamLoginEvent}), so that
 * {@code @EventListener} methods receive them. Events are published on the client's callback thread.
 */
public final class DeepstreamApplicationEventsCustomizer implements DeepstreamClientCustomizer {

    private final ApplicationEventPublisher publisher;

    /**
     * Creates a customizer.
     * @param publisher where to publish
     */
    public DeepstreamApplicationEventsCustomizer(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void customize(DeepstreamClient client) {
        client.addConnectionStateListener(
                (change) -> this.publisher.publishEvent(new DeepstreamConnectionStateChangedEvent(client, change)));
        client.addErrorListener((error) -> this.publisher.publishEvent(new DeepstreamErrorEvent(client, error)));
        client.addLoginListener((result) -> this.publisher.publishEvent(new DeepstreamLoginEvent(client, result)));
    }

}
