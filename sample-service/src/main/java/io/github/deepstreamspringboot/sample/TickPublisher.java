package io.github.deepstreamspringboot.sample;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Publishes a {@code sample/tick} event periodically ({@code sample.tick-interval}, 5 s by default). Ticks issued
 * while the connection is down wait in the client's offline queue and go out after the reconnection.
 */
@Component
class TickPublisher {

    private final DeepstreamClient client;

    private final AtomicLong count = new AtomicLong();

    TickPublisher(DeepstreamClient client) {
        this.client = client;
    }

    @Scheduled(fixedRateString = "${sample.tick-interval:5s}", initialDelayString = "${sample.tick-interval:5s}")
    void tick() {
        this.client.event().emit("sample/tick", new Tick(this.count.incrementAndGet(), Instant.now()));
    }

    record Tick(long count, Instant at) {
    }

}
