package io.github.deepstreamspringboot.actuate;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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
import io.github.deepstreamspringboot.client.rpc.RpcErrorKind;
import io.github.deepstreamspringboot.client.rpc.RpcListener;

/**
 * Micrometer metrics of deepstream clients, each tagged {@code client} with its bean name. Every tag takes values from
 * a fixed set (states, topics, error kinds), so cardinality is bounded; no event, record or user names are used.
 *
 * <ul>
 * <li>{@code deepstream.connection.state} gauge per {@code state}: 1 for the current state, 0 otherwise;</li>
 * <li>{@code deepstream.connection.state.changes} counter per {@code state} entered;</li>
 * <li>{@code deepstream.reconnect.attempts} and {@code deepstream.reconnects} (logged in again after a loss);</li>
 * <li>{@code deepstream.heartbeats.missed} counter and {@code deepstream.heartbeat.round.trip} timer;</li>
 * <li>{@code deepstream.errors} counter per {@code kind} and {@code topic};</li>
 * <li>{@code deepstream.messages.sent} and {@code deepstream.messages.received} per {@code topic};</li>
 * <li>{@code deepstream.offline.queue.size} gauge and {@code deepstream.offline.queue.rejected} counter;</li>
 * <li>{@code deepstream.rpc.requests} timer of calls made and {@code deepstream.rpc.provided} timer of calls answered,
 * per {@code outcome} ({@code success}, an RPC error kind, {@code error}, {@code rejected});</li>
 * <li>{@code deepstream.records.open} gauge, {@code deepstream.record.conflicts} counter per {@code outcome}
 * ({@code remote}, {@code merged}) and {@code deepstream.record.write.ack} timer.</li>
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

    /** Every outcome of a call made: {@code success} or an {@link RpcErrorKind}. */
    private static final List<String> RPC_CALL_OUTCOMES = Stream.concat(Stream.of("success"),
            Arrays.stream(RpcErrorKind.values()).map(RpcErrorKind::name)).toList();

    /** Every outcome of a call answered by a provider here. */
    private static final List<String> RPC_ANSWER_OUTCOMES = List.of("success", "error", "rejected");


    private final Map<String, DeepstreamClient> clients;

    /**
     * Creates the binder.
     * @param clients the clients by bean name
     */
    public DeepstreamMetrics(Map<String, DeepstreamClient> clients) {
        this.clients = Map.copyOf(clients);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.clients.forEach((name, client) -> bind(registry, client, Tags.of("client", name)));
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
        // the series a dashboard relies on exist at 0 from the start, so a healthy service shows 0, not "No data"
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
        Timer writeAcks = Timer.builder("deepstream.record.write.ack")
            .description("Time from a record write to its acknowledgement").tags(tags).register(registry);
        client.addRecordListener(new RecordListener() {

            @Override
            public void onOpenRecordsChanged(int open) {
                openRecords.set(open);
            }

            @Override
            public void onConflict(String outcome) {
                Counter.builder("deepstream.record.conflicts").description("Record conflicts, by outcome").tags(tags)
                    .tag("outcome", outcome).register(registry).increment();
            }

            @Override
            public void onWriteAcknowledged(Duration latency) {
                writeAcks.record(latency);
            }

        });
        RPC_CALL_OUTCOMES.forEach((outcome) -> rpcCalls(registry, tags, outcome));
        RPC_ANSWER_OUTCOMES.forEach((outcome) -> rpcAnswers(registry, tags, outcome));
        client.addRpcListener(new RpcListener() {

            @Override
            public void onCallCompleted(Duration duration, String outcome) {
                rpcCalls(registry, tags, outcome).record(duration);
            }

            @Override
            public void onRequestAnswered(Duration duration, String outcome) {
                rpcAnswers(registry, tags, outcome).record(duration);
            }

        });
    }

    private static Counter errors(MeterRegistry registry, Tags tags, ErrorKind kind, Topic topic) {
        return Counter.builder("deepstream.errors").description("Errors reported by the client").tags(tags)
            .tag("kind", kind.name()).tag("topic", topic.name()).register(registry);
    }

    private static Timer rpcCalls(MeterRegistry registry, Tags tags, String outcome) {
        return Timer.builder("deepstream.rpc.requests").description("RPC calls made, by outcome").tags(tags)
            .tag("outcome", outcome).register(registry);
    }

    private static Timer rpcAnswers(MeterRegistry registry, Tags tags, String outcome) {
        return Timer.builder("deepstream.rpc.provided").description("RPC calls answered, by outcome").tags(tags)
            .tag("outcome", outcome).register(registry);
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
