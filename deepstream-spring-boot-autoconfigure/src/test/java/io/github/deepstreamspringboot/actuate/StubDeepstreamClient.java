package io.github.deepstreamspringboot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.ConnectionStateChange;
import io.github.deepstreamspringboot.client.ConnectionStateListener;
import io.github.deepstreamspringboot.client.ConnectionStatistics;
import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.ErrorListener;
import io.github.deepstreamspringboot.client.HeartbeatListener;
import io.github.deepstreamspringboot.client.LoginCallback;
import io.github.deepstreamspringboot.client.LoginListener;
import io.github.deepstreamspringboot.client.LoginResult;
import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.Topic;

/**
 * A {@link io.github.deepstreamspringboot.client.DeepstreamClient} whose state a test sets, for the actuator classes
 * that only read a client. Listeners are called on the test's thread.
 */
final class StubDeepstreamClient implements io.github.deepstreamspringboot.client.DeepstreamClient {

    private final List<ConnectionStateListener> stateListeners = new CopyOnWriteArrayList<>();

    private final List<ErrorListener> errorListeners = new CopyOnWriteArrayList<>();

    private final List<HeartbeatListener> heartbeatListeners = new CopyOnWriteArrayList<>();

    private volatile ConnectionStateChange lastChange = new ConnectionStateChange(ConnectionState.CLOSED,
            ConnectionState.CLOSED, "created", Instant.EPOCH, 0, null);

    private volatile boolean draining;

    private final String name;

    StubDeepstreamClient() {
        this("deepstream");
    }

    StubDeepstreamClient(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return this.name;
    }

    void draining() {
        this.draining = true;
    }

    @Override
    public boolean isDraining() {
        return this.draining;
    }

    void change(ConnectionState state, Instant at) {
        change(state, at, 0, null);
    }

    void change(ConnectionState state, Instant at, int attempt, Duration delay) {
        ConnectionStateChange change = new ConnectionStateChange(this.lastChange.current(), state, "test", at,
                attempt, delay);
        this.lastChange = change;
        this.stateListeners.forEach((listener) -> listener.onStateChanged(change));
    }

    void error(DeepstreamError error) {
        this.errorListeners.forEach((listener) -> listener.onError(error));
    }

    void heartbeat(Duration roundTrip) {
        this.heartbeatListeners.forEach((listener) -> listener.onHeartbeat(roundTrip));
    }

    @Override
    public void connect() {
    }

    @Override
    public CompletableFuture<LoginResult> login() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<LoginResult> login(Map<String, ?> authParams) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void login(Map<String, ?> authParams, LoginCallback callback) {
        throw new UnsupportedOperationException();
    }

    @Override
    public io.github.deepstreamspringboot.client.event.EventClient event() {
        throw new UnsupportedOperationException();
    }

    @Override
    public io.github.deepstreamspringboot.client.record.RecordClient record() {
        throw new UnsupportedOperationException();
    }

    @Override
    public io.github.deepstreamspringboot.client.rpc.RpcClient rpc() {
        throw new UnsupportedOperationException();
    }

    @Override
    public io.github.deepstreamspringboot.client.presence.PresenceClient presence() {
        throw new UnsupportedOperationException();
    }

    private final List<io.github.deepstreamspringboot.client.record.RecordListener> recordListeners =
            new CopyOnWriteArrayList<>();

    void recordEvents(int open, String conflict) {
        this.recordListeners.forEach((listener) -> {
            listener.onOpenRecordsChanged(open);
            listener.onConflict(conflict);
        });
    }

    @Override
    public Subscription addRecordListener(io.github.deepstreamspringboot.client.record.RecordListener listener) {
        this.recordListeners.add(listener);
        return () -> this.recordListeners.remove(listener);
    }

    @Override
    public Subscription addResubscribeListener(Runnable listener) {
        return () -> {
        };
    }

    @Override
    public ConnectionState getConnectionState() {
        return this.lastChange.current();
    }

    @Override
    public ConnectionStateChange getLastStateChange() {
        return this.lastChange;
    }

    @Override
    public String getUid() {
        return "uid";
    }

    @Override
    public ServerUrl getServerUrl() {
        return ServerUrl.parse("ws://user:pw@127.0.0.1:6020/deepstream-json?apiKey=s3cret", WireProtocol.JSON);
    }

    @Override
    public ConnectionStatistics getStatistics() {
        return new ConnectionStatistics() {

            @Override
            public long getReconnectAttempts() {
                return 3;
            }

            @Override
            public long getReconnects() {
                return 1;
            }

            @Override
            public long getMissedHeartbeats() {
                return 2;
            }

            @Override
            public Duration getLastHeartbeatRoundTrip() {
                return Duration.ofMillis(5);
            }

            @Override
            public long getMessagesSent(Topic topic) {
                return topic.ordinal();
            }

            @Override
            public long getMessagesReceived(Topic topic) {
                return 10L + topic.ordinal();
            }

            @Override
            public int getOfflineQueueSize() {
                return 7;
            }

            @Override
            public long getOfflineQueueRejected() {
                return 4;
            }

            @Override
            public long getSlowConsumerDropped() {
                return 5;
            }

        };
    }

    @Override
    public Subscription addConnectionStateListener(ConnectionStateListener listener) {
        this.stateListeners.add(listener);
        return () -> this.stateListeners.remove(listener);
    }

    @Override
    public Subscription addErrorListener(ErrorListener listener) {
        this.errorListeners.add(listener);
        return () -> this.errorListeners.remove(listener);
    }

    @Override
    public Subscription addLoginListener(LoginListener listener) {
        return () -> {
        };
    }

    @Override
    public Subscription addClientDataListener(io.github.deepstreamspringboot.client.ClientDataListener listener) {
        return () -> {
        };
    }

    @Override
    public Subscription addHeartbeatListener(HeartbeatListener listener) {
        this.heartbeatListeners.add(listener);
        return () -> this.heartbeatListeners.remove(listener);
    }

    @Override
    public void close() {
    }

}
