package io.github.deepstreamspringboot.actuate;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.ConnectionStatistics;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.record.RecordListener;

/**
 * Micrometer metrics of deepstream clients' connections, each tagged {@code client} with the client's
 * {@linkplain DeepstreamClient#getName() name}. Every tag takes values from a fixed set (states, topics, error kinds),
 * so cardinality is bounded; no event, record or user names are used. The timings of operations (RPC calls made and
 * answered, events emitted and delivered, record writes) are not here: they come from the client's observations, so
 * that each is measured once (see {@code docs/observability.md}).
 *
 * <ul>
 * <li>{@code deepstream.connection.state} gauge per {@code state}: 1 for the current state, 0 otherwise;</li>
 * <li>{@code deepstream.connection.state.changes} counter per {@code state} entered;</li>
 * <li>{@code deepstream.reconnect.attempts} and {@code deepstream.reconnects} (logged in again after a loss);</li>
 * <li>{@code deepstream.heartbeats.missed} counter and {@code deepstream.heartbeat.round.trip} timer;</li>
 * <li>{@code deepstream.errors} counter per {@code kind} and {@code topic};</li>
 * <li>{@code deepstream.messages.sent} and {@code deepstream.messages.received} per {@code topic};</li>
 * <li>{@code deepstream.offline.queue.size} gauge and {@code deepstream.offline.queue.rejected} counter;</li>
 * <li>{@code deepstream.handler.dropped} counter (messages dropped for a slow handler);</li>
 * <li>{@code deepstream.records.open} gauge and {@code deepstream.record.conflicts} counter per {@code outcome}
 * ({@code remote}, {@code merged}).</li>
 * </ul>
 * Counters driven by listeners are updated on the client's callback thread.
 */
public class DeepstreamMetrics implements MeterBinder {

    /**
     * The error kinds operations watch, each on the topic the client reports it on: registered at 0 when bound. Other
     * kinds get their series when they first happen; kinds and topics are enums, so the tags stay bounded.
     */
    private static final Map<ErrorKind, Topic> OPERATIONS_ERRORS = Map.of(
            ErrorKind.CONNECTION_ERROR, Topic.CONNECTION,
            ErrorKind.HEARTBEAT_TIMEOUT, Topic.CONNECTION,
            ErrorKind.MAX_RECONNECTION_ATTEMPTS_REACHED, Topic.CONNECTION,
            ErrorKind.AUTHENTICATION_TIMEOUT, Topic.CONNECTION,
            ErrorKind.TOO_MANY_AUTH_ATTEMPTS, Topic.AUTH,
            ErrorKind.REAUTHENTICATION_FAILURE, Topic.AUTH);

    /** How a record conflict can end: the server's data kept, or merged data written back. */
    private static final List<String> CONFLICT_OUTCOMES = List.of("remote", "merged");

    private final Map<String, DeepstreamClient> clients;

    /**
     * Creates the binder.
     * @param clients the clients by bean name
     * @throws IllegalStateException if two clients have the same name, which would merge their meters
     */
    public DeepstreamMetrics(Map<String, DeepstreamClient> clients) {
        Map<String, String> beansByClientName = new HashMap<>();
        clients.forEach((bean, client) -> {
            String other = beansByClientName.putIfAbsent(client.getName(), bean);
            if (other != null) {
                throw new IllegalStateException("The deepstream clients '" + other + "' and '" + bean
                        + "' are both named '" + client.getName() + "', so their metrics would be merged: give each "
                        + "a name of its own with DeepstreamOptions.builder().name(...)");
            }
        });
        this.clients = Map.copyOf(clients);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.clients.values().forEach((client) -> bind(registry, client, Tags.of("client", client.getName())));
    }

    private void bind(MeterRegistry registry, DeepstreamClient client, Tags tags) {
        bindState(registry, client, tags);
        ConnectionStatistics statistics = client.getStatistics();
        FunctionCounter.builder("deepstream.reconnect.attempts", statistics, ConnectionStatistics::getReconnectAttempts)
            .description("Reconnection attempts made").tags(tags).register(registry);
        FunctionCounter.builder("deepstream.reconnects", statistics, ConnectionStatistics::getReconnects)
            .description("Connections re-established (logged in again) after a loss").tags(tags).register(registry);
        FunctionCounter.builder("deepstream.heartbeats.missed", statistics, ConnectionStatistics::getMissedHeartbeats)
            .description("Heartbeats not answered before the next one was due").tags(tags).register(registry);
        Timer roundTrip = Timer.builder("deepstream.heartbeat.round.trip")
            .description("Time from heartbeat ping to pong").tags(tags).register(registry);
        client.addHeartbeatListener(roundTrip::record);
        // the series a dashboard relies on (errors, conflicts) exist at 0 from the start, so that a healthy service
        // shows 0, not "No data"
        OPERATIONS_ERRORS.forEach((kind, topic) -> errors(registry, tags, kind, topic));
        client.addErrorListener((error) -> errors(registry, tags, error.kind(), error.topic()).increment());
        for (Topic topic : Topic.values()) {
            Tags topicTags = tags.and("topic", topic.name());
            FunctionCounter.builder("deepstream.messages.sent", statistics, (s) -> s.getMessagesSent(topic))
                .description("Messages sent").tags(topicTags).register(registry);
            FunctionCounter.builder("deepstream.messages.received", statistics, (s) -> s.getMessagesReceived(topic))
                .description("Messages received").tags(topicTags).register(registry);
        }
        Gauge.builder("deepstream.offline.queue.size", statistics, ConnectionStatistics::getOfflineQueueSize)
            .description("Messages waiting for a connection").tags(tags).register(registry);
        FunctionCounter.builder("deepstream.offline.queue.rejected", statistics,
                ConnectionStatistics::getOfflineQueueRejected)
            .description("Messages refused by a full offline queue or expired in it").tags(tags).register(registry);
        FunctionCounter.builder("deepstream.handler.dropped", statistics, ConnectionStatistics::getSlowConsumerDropped)
            .description("Messages dropped because their handler had too many waiting (SLOW_CONSUMER)").tags(tags)
            .register(registry);
        AtomicInteger openRecords = new AtomicInteger();
        Gauge.builder("deepstream.records.open", openRecords, AtomicInteger::get)
            .description("Records open on the client (distinct names)").tags(tags).register(registry);
        CONFLICT_OUTCOMES.forEach((outcome) -> conflicts(registry, tags, outcome));
        client.addRecordListener(new RecordListener() {

            @Override
            public void onOpenRecordsChanged(int open) {
                openRecords.set(open);
            }

            @Override
            public void onConflict(String outcome) {
                conflicts(registry, tags, outcome).increment();
            }

        });
    }

    private static Counter conflicts(MeterRegistry registry, Tags tags, String outcome) {
        return Counter.builder("deepstream.record.conflicts").description("Record conflicts, by outcome").tags(tags)
            .tag("outcome", outcome).register(registry);
    }

    private static Counter errors(MeterRegistry registry, Tags tags, ErrorKind kind, Topic topic) {
        return Counter.builder("deepstream.errors").description("Errors reported by the client").tags(tags)
            .tag("kind", kind.name()).tag("topic", topic.name()).register(registry);
    }

    private void bindState(MeterRegistry registry, DeepstreamClient client, Tags tags) {
        Map<ConnectionState, Counter> changes = new EnumMap<>(ConnectionState.class);
        for (ConnectionState state : ConnectionState.values()) {
            Tags stateTags = tags.and("state", state.name());
            Gauge.builder("deepstream.connection.state", client, (c) -> (c.getConnectionState() == state) ? 1 : 0)
                .description("1 for the connection's current state, 0 for the others").tags(stateTags)
                .register(registry);
            changes.put(state, Counter.builder("deepstream.connection.state.changes")
                .description("Connection state changes, by the state entered").tags(stateTags).register(registry));
        }
        client.addConnectionStateListener((change) -> changes.get(change.current()).increment());
    }

}
