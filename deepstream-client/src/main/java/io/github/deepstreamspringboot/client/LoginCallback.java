package io.github.deepstreamspringboot.client;

import tools.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Callback form of a login, as in deepstream's own clients. Runs on the client's callback thread.
 */
@FunctionalInterface
public interface LoginCallback {

    /**
     * Called once with the login's answer.
     * @param success whether the server accepted the credentials
     * @param clientData the data the server sent, or {@code null}
     */
    void onResult(boolean success, @Nullable JsonNode clientData);

}
