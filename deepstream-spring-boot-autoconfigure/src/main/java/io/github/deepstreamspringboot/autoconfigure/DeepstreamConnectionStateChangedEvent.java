package io.github.deepstreamspringboot.autoconfigure;

import io.github.deepstreamspringboot.client.ConnectionStateChange;
import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Published for every connection state change of an auto-configured {@link DeepstreamClient}, on the client's
 * callback thread.
 */
public class DeepstreamConnectionStateChangedEvent extends DeepstreamClientEvent {

    private static final long serialVersionUID = 1L;

    private final transient ConnectionStateChange change;

    /**
     * Creates an event.
     * @param client the client
     * @param change the state change (previous, current, reason, timestamp, reconnect attempt and delay)
     */
    public DeepstreamConnectionStateChangedEvent(DeepstreamClient client, ConnectionStateChange change) {
        super(client);
        this.change = change;
    }

    /** @return the state change */
    public ConnectionStateChange getChange() {
        return this.change;
    }

}
