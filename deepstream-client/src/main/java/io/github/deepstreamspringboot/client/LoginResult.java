package io.github.deepstreamspringboot.client;

import tools.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a login.
 *
 * @param success whether the server accepted the credentials
 * @param clientData the data the server sent with its answer (on success the user's client data, on failure an
 * optional reason), or {@code null} when it sent none
 * @param automatic whether the client logged in by itself after a reconnection
 */
public record LoginResult(boolean success, @Nullable JsonNode clientData, boolean automatic) {

}
