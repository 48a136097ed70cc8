package io.github.deepstreamspringboot.client.presence;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.Subscription;

/**
 * deepstream presence: {@link #getAll() who is online} and {@link #subscribe(PresenceListener) notifications} when
 * users come and go. A user is online while at least one of its connections is logged in; you never hear about
 * yourself in {@link #getAll()}.
 *
 * <p>Subscriptions are restored after every reconnection. Queries made while not logged in wait in the offline queue;
 * a query already sent when the connection is lost fails, and every query fails after the request timeout without an
 * answer. <b>Threads:</b> as for events; query futures complete on the callback thread.
 */
public interface PresenceClient {

    /**
     * Asks who is online.
     * @return completes with the online users, yourself excluded
     */
    CompletableFuture<List<String>> getAll();

    /**
     * Asks whether given users are online.
     * @param userIds the users
     * @return completes with each user's online flag
     */
    CompletableFuture<Map<String, Boolean>> getAll(Collection<String> userIds);

    /**
     * Watches everyone.
     * @param listener told about every user coming or going
     * @return a handle that stops watching
     */
    Subscription subscribe(PresenceListener listener);

    /**
     * Watches one user.
     * @param userId the user
     * @param listener told when that user comes or goes
     * @return a handle that stops watching
     */
    Subscription subscribe(String userId, PresenceListener listener);

}
