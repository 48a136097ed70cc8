package io.github.deepstreamspringboot.autoconfigure;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamError;

/**
 * Published for every error of an auto-configured {@link DeepstreamClient}, on the client's callback thread. The
 * source is the client.
 */
public class DeepstreamErrorEvent extends DeepstreamClientEvent {

    private static final long serialVersionUID = 1L;

    private final transient DeepstreamError error;

    /**
     * Creates an event.
     * @param client the client
     * @param error the error
     */
    public DeepstreamErrorEvent(DeepstreamClient client, DeepstreamError error) {
        super(client);
        this.error = error;
    }

    /** @return the error */
    public DeepstreamError getError() {
        return this.error;
    }

}
