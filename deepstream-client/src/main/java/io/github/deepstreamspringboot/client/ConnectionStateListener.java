package io.github.deepstreamspringboot.client;

/**
 * Told about every change of the client's connection state, in order, on the client's callback thread.
 */
@FunctionalInterface
public interface ConnectionStateListener {

    /**
     * Called once per state change.
     * @param change the change
     */
    void onStateChanged(ConnectionStateChange change);

}
