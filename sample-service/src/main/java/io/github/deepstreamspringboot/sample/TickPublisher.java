package io.github.deepstreamspringboot.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.record.Record;

/**
 * Publishes a {@code sample/tick} event periodically ({@code sample.tick-interval}, 5 s by default) and keeps the
 * {@code sample/status} record (uptime, tick count) up to date. Ticks issued while the connection is down wait in the
 * client's offline queue; status writes are kept locally and reconciled after the reconnection.
 */
@Component
class TickPublisher {

    private final DeepstreamClient client;

    private final AtomicLong count = new AtomicLong();

    private final Instant started = Instant.now();

    private final Record status;

    TickPublisher(DeepstreamClient client) {
        this.client = client;
        this.status = client.record().getRecord("sample/status");
    }

    @Scheduled(fixedRateString = "${sample.tick-interval:5s}", initialDelayString = "${sample.tick-interval:5s}")
    void tick() {
        long ticks = this.count.incrementAndGet();
        Instant now = Instant.now();
        this.client.event().emit("sample/tick", new Tick(ticks, now));
        this.status.set(new Status("up", Duration.between(this.started, now).toSeconds(), ticks));
    }

    record Tick(long count, Instant at) {
    }

    record Status(String state, long uptimeSeconds, long ticks) {
    }

}
