package io.github.deepstreamspringboot.client.event;

import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.Subscription;

/**
 * A handler's subscription to an event name. {@link #close()} removes the handler; the server subscription ends with
 * the last handler of the name.
 */
public interface EventSubscription extends Subscription {

    /** @return the event name */
    String name();

    /**
     * Completes when the server has acknowledged the subscription (at once if it already had); fails if the server
     * refused it (for example {@code MESSAGE_DENIED}) or did not answer within the request timeout.
     * @return the acknowledgement
     */
    CompletableFuture<Void> whenSubscribed();

    /**
     * Removes the handler, like {@link #close()}, and tells when the server has confirmed the end of the subscription
     * (at once if other handlers of the name remain or the client is not connected).
     * @return completes when no further events of the name arrive
     */
    CompletableFuture<Void> unsubscribe();

}
