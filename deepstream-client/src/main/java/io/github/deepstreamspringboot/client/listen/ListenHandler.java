package io.github.deepstreamspringboot.client.listen;

/**
 * An active provider of events or records: told when a name matching its pattern gets its first subscriber (and may
 * accept to provide it) and when it loses its last one. Runs on its own handler thread, in order.
 */
public interface ListenHandler {

    /**
     * A name matching the pattern got subscribers.
     * @param name the concrete event or record name
     * @return {@code true} to accept providing it, {@code false} to let another listener take it
     */
    boolean onSubscriptionFound(String name);

    /**
     * An accepted name lost its last subscriber: stop providing it.
     * @param name the concrete event or record name
     */
    default void onSubscriptionRemoved(String name) {
    }

}
