package io.github.deepstreamspringboot.client.presence;

/**
 * Told when a user comes online (first authenticated connection) or goes offline (last one closed). Runs on its own
 * handler thread, in order.
 */
@FunctionalInterface
public interface PresenceListener {

    /**
     * A user's presence changed.
     * @param user the user id (the authenticated username)
     * @param online whether the user is online now
     */
    void onPresenceChanged(String user, boolean online);

}
