package io.github.deepstreamspringboot.client;

import java.time.Duration;
import org.jspecify.annotations.Nullable;


/**
 * Live counters of a client's connection, for metrics. Every getter may be called from any thread and returns the
 * current value; counters only grow.
 */
public interface ConnectionStatistics {

    /** @return reconnection attempts made since the client was created */
    long getReconnectAttempts();

    /** @return how often the client logged in again after losing an established (logged-in) connection */
    long getReconnects();

    /** @return heartbeats that got no answer before the next one was due, while logged in */
    long getMissedHeartbeats();

    /** @return the round trip of the last answered heartbeat, or {@code null} if none was answered yet */
    @Nullable Duration getLastHeartbeatRoundTrip();

    /**
     * @param topic a topic
     * @return messages sent on that topic
     */
    long getMessagesSent(Topic topic);

    /**
     * @param topic a topic
     * @return messages received on that topic
     */
    long getMessagesReceived(Topic topic);

    /** @return messages waiting in the offline queue now */
    int getOfflineQueueSize();

    /** @return messages the offline queue refused (full) or failed (too old) */
    long getOfflineQueueRejected();

    /**
     * @return messages dropped because their handler already had {@code handlerMaxPending} waiting
     * ({@link ErrorKind#SLOW_CONSUMER})
     */
    long getSlowConsumerDropped();

}
