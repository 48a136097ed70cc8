package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.github.deepstreamspringboot.client.ConnectionStatistics;
import io.github.deepstreamspringboot.client.Topic;

/**
 * The connection's counters. Written by the event loop, read from any thread (metrics).
 */
final class StatisticsRecorder implements ConnectionStatistics {

    private final LongAdder reconnectAttempts = new LongAdder();

    private final LongAdder reconnects = new LongAdder();

    private final LongAdder missedHeartbeats = new LongAdder();

    private final LongAdder offlineQueueRejected = new LongAdder();

    private final LongAdder slowConsumerDropped = new LongAdder();

    private final AtomicReference<Duration> lastRoundTrip = new AtomicReference<>();

    private final AtomicLongArray sent = new AtomicLongArray(Topic.values().length);

    private final AtomicLongArray received = new AtomicLongArray(Topic.values().length);

    private volatile int offlineQueueSize;

    void reconnectAttempt() {
        this.reconnectAttempts.increment();
    }

    void reconnected() {
        this.reconnects.increment();
    }

    void heartbeatMissed() {
        this.missedHeartbeats.increment();
    }

    void heartbeatAnswered(Duration roundTrip) {
        this.lastRoundTrip.set(roundTrip);
    }

    void sent(Topic topic) {
        this.sent.incrementAndGet(topic.ordinal());
    }

    void received(Topic topic) {
        this.received.incrementAndGet(topic.ordinal());
    }

    void offlineQueueRejected() {
        this.offlineQueueRejected.increment();
    }

    void slowConsumerDropped() {
        this.slowConsumerDropped.increment();
    }

    void offlineQueueSize(int size) {
        this.offlineQueueSize = size;
    }

    @Override
    public long getReconnectAttempts() {
        return this.reconnectAttempts.sum();
    }

    @Override
    public long getReconnects() {
        return this.reconnects.sum();
    }

    @Override
    public long getMissedHeartbeats() {
        return this.missedHeartbeats.sum();
    }

    @Override
    public Duration getLastHeartbeatRoundTrip() {
        return this.lastRoundTrip.get();
    }

    @Override
    public long getMessagesSent(Topic topic) {
        return this.sent.get(topic.ordinal());
    }

    @Override
    public long getMessagesReceived(Topic topic) {
        return this.received.get(topic.ordinal());
    }

    @Override
    public int getOfflineQueueSize() {
        return this.offlineQueueSize;
    }

    @Override
    public long getOfflineQueueRejected() {
        return this.offlineQueueRejected.sum();
    }

    @Override
    public long getSlowConsumerDropped() {
        return this.slowConsumerDropped.sum();
    }

}
