package io.github.deepstreamspringboot.client;

import tools.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Told when the client data the server sends with a successful login changes: on the first login that brings
 * client data, and whenever a later login (an automatic one after a reconnection, say) brings different data.
 * Called on the client's callback thread.
 */
@FunctionalInterface
public interface ClientDataListener {

    /**
     * The client data changed.
     * @param clientData the new client data; {@code null} if the latest login brought none
     */
    void onClientDataChanged(@Nullable JsonNode clientData);

}
