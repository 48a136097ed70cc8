package io.github.deepstreamspringboot.autoconfigure;

import org.springframework.context.ApplicationEvent;

import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Base of the application events an auto-configured {@link DeepstreamClient} publishes; the source is the client.
 * Published on the client's callback thread.
 */
public abstract class DeepstreamClientEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an event.
     * @param client the client
     */
    protected DeepstreamClientEvent(DeepstreamClient client) {
        super(client);
    }

    /** @return the client */
    public DeepstreamClient getClient() {
        return (DeepstreamClient) getSource();
    }

}
