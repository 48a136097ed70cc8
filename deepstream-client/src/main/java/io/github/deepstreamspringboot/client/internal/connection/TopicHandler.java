package io.github.deepstreamspringboot.client.internal.connection;

import java.util.Map;

import io.github.deepstreamspringboot.client.DrainResult;
import io.github.deepstreamspringboot.client.internal.protocol.Message;

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

    /**
     * The client drains: stop taking in new work from the server (withdraw providers and listens, unsubscribe), so
     * that it goes to other clients, and keep finishing what was accepted.
     */
    default void onDrain() {
    }

    /**
     * Adds the work this handler accepted and has not finished yet (what a drain waits for) to {@code pending}.
     * @param pending counts by kind, to add to
     */
    default void countPending(Map<DrainResult.Work, Integer> pending) {
    }

}
