package io.github.deepstreamspringboot.client;

import java.time.Duration;

/**
 * Told about every answered heartbeat, on the client's callback thread; for latency metrics.
 */
@FunctionalInterface
public interface HeartbeatListener {

    /**
     * Called once per pong.
     * @param roundTrip the time from ping to pong
     */
    void onHeartbeat(Duration roundTrip);

}
