package io.github.deepstreamspringboot.client.connection;

import io.github.deepstreamspringboot.client.protocol.Message;

/**
 * A feature's share of the connection (events, RPC, presence, records): receives its topic's messages and restores
 * its server-side state on every new login. Every method runs on the connection's event loop and must not block.
 */
public interface TopicHandler {

    /**
     * A message of this handler's topic arrived.
     * @param message the message
     */
    void onMessage(Message message);

    /**
     * The client logged in (first time or after a reconnection). The server holds nothing of an earlier socket, so
     * re-send every subscription now, with {@link DeepstreamConnection#sendNow(Message)}; queued messages are flushed
     * only after every handler returned.
     */
    void onLoggedIn();

    /**
     * The logged-in connection was lost; fail what the server will never answer.
     */
    void onConnectionLost();

}
