package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.event.EventClient;
import io.github.deepstreamspringboot.client.internal.connection.DefaultDeepstreamClient;
import io.github.deepstreamspringboot.client.presence.PresenceClient;
import io.github.deepstreamspringboot.client.record.RecordClient;
import io.github.deepstreamspringboot.client.rpc.RpcClient;

/**
 * A client of one deepstream server.
 *
 * <p><b>Lifecycle.</b> {@link #create(String, DeepstreamOptions)} returns a client that is already connecting:
 * {@link ConnectionState#CLOSED} → {@link ConnectionState#AWAITING_CONNECTION} → {@link ConnectionState#CHALLENGING}
 * → {@link ConnectionState#AWAITING_AUTHENTICATION} (with {@code autoConnect(false)} it waits for {@link #connect()}
 * or the first login). It is usable once {@link #login(Map)} succeeds
 * ({@link ConnectionState#OPEN}). When the connection is lost it reconnects with growing waits and logs in again by
 * itself; {@link #drain(Duration)} finishes what it accepted and then ends it, {@link #close()} ends it at once.
 *
 * <p><b>Threads.</b> All methods are thread-safe and never block, except {@link #close()}, which waits a bounded time
 * for the client's threads to finish, and sends made while the outgoing backlog is full when
 * {@link DeepstreamOptions#backlogMaxWait()} is set (they wait at most that long). Listeners, callbacks and the returned futures run on the client's callback
 * thread, one at a time and in order, never on a WebSocket I/O thread; a listener that throws is logged and does not
 * affect the client. Do not block in a listener: it delays the ones after it.
 */
public interface DeepstreamClient extends AutoCloseable {

    /**
     * Creates a client with default options and starts connecting.
     * @param url the server's URL, e.g. {@code ws://127.0.0.1:6020}, which goes to the binary endpoint
     * {@code /deepstream} that every deepstream server serves; a path ending in {@code -json} speaks JSON
     * @return the client
     * @throws IllegalArgumentException if the URL is not a {@code ws://} or {@code wss://} URL with a host
     */
    static DeepstreamClient create(String url) {
        return create(url, DeepstreamOptions.defaults());
    }

    /**
     * Creates a client and starts connecting.
     * @param url the server's URL
     * @param options the options
     * @return the client
     * @throws IllegalArgumentException if the URL is not a {@code ws://} or {@code wss://} URL with a host
     */
    static DeepstreamClient create(String url, DeepstreamOptions options) {
        return DefaultDeepstreamClient.create(url, options);
    }

    /**
     * Creates a client for the nodes of a deepstream cluster and starts connecting (unless
     * {@code autoConnect(false)}). The nodes are tried in the given order, starting with the first; each lost
     * connection or failed attempt moves on to the next node, the first attempt after a loss at once and the
     * following ones on the back-off schedule. Shuffle the list yourself if a fleet of clients should spread over
     * the nodes. After a failover the client logs in again and restores its subscriptions, listens, providers and
     * records on the new node, as after any reconnection.
     * @param urls the nodes' URLs, at least one, each as for {@link #create(String, DeepstreamOptions)}
     * @param options the options
     * @return the client
     * @throws IllegalArgumentException if the list is empty or a URL is unusable (the message says why)
     */
    static DeepstreamClient create(List<String> urls, DeepstreamOptions options) {
        return DefaultDeepstreamClient.create(urls, options);
    }

    /**
     * Starts connecting, for a client created with {@link DeepstreamOptions.Builder#autoConnect(boolean)
     * autoConnect(false)}; does nothing if the client is already connecting, connected or closed.
     */
    void connect();

    /**
     * Logs in with the options' auth parameters (empty for open auth). The login is sent as soon as the server has
     * accepted the connection; the server's answer must arrive within the request timeout. After any successful
     * login the client logs in again by itself after each reconnection, asking the same source again.
     * @return completes with the answer; fails with a {@link DeepstreamException} ({@link ErrorKind#IS_CLOSED},
     * {@link ErrorKind#ACK_TIMEOUT}, ...) or an {@link IllegalStateException} if already logged in or logging in
     */
    CompletableFuture<LoginResult> login();

    /**
     * Logs in with the given auth parameters, which are also used for later automatic re-logins.
     * @param authParams the auth parameters, e.g. {@code username} and {@code password}
     * @return completes with the answer (see {@link #login()})
     */
    CompletableFuture<LoginResult> login(Map<String, ?> authParams);

    /**
     * Logs in, deepstream style: the callback gets whether the login succeeded and the server's data.
     * @param authParams the auth parameters
     * @param callback called once with the answer; with {@code (false, null)} if the login could not be made
     */
    void login(Map<String, ?> authParams, LoginCallback callback);

    /**
     * Returns the events API: subscribe, emit, listen.
     * @return the events API
     */
    EventClient event();

    /**
     * Returns the records API: records, lists, snapshots.
     * @return the records API
     */
    RecordClient record();

    /**
     * Returns the RPC API: provide, make.
     * @return the RPC API
     */
    RpcClient rpc();

    /**
     * Returns the presence API: who is online, and notifications.
     * @return the presence API
     */
    PresenceClient presence();

    /**
     * Registers a listener for record activity (for metrics); same as {@code record().addRecordListener(listener)}.
     * @param listener the listener
     * @return a handle that removes the listener
     */
    Subscription addRecordListener(io.github.deepstreamspringboot.client.record.RecordListener listener);

    /**
     * Registers a listener told each time the client has logged in again after a reconnection and restored every
     * subscription, listen and provider (before messages queued while offline are sent).
     * @param listener the listener
     * @return a handle that removes the listener
     */
    Subscription addResubscribeListener(Runnable listener);

    /**
     * Returns the connection's current state.
     * @return the state
     */
    ConnectionState getConnectionState();

    /**
     * Returns the last state change: the current state, since when, why, and for {@code RECONNECTING} the attempt
     * and its wait.
     * @return the change
     */
    ConnectionStateChange getLastStateChange();

    /**
     * Returns a new unique id: base-36 time, a dash, a base-36 random number (e.g. {@code mwrjsakz-2bqzr5k1d9xqp}).
     * @return the id
     */
    String getUid();

    /**
     * Returns the URL of the server the client is on: with several nodes, the one of the current connection or
     * attempt (or the last one); its {@code toString()} masks credentials and query parameter values.
     * @return the URL
     */
    ServerUrl getServerUrl();

    /**
     * Returns the client's name, {@link DeepstreamOptions#name()}: the {@code client} tag of its metrics and
     * observations.
     * @return the name
     */
    String getName();

    /**
     * Returns the connection's live counters.
     * @return the counters
     */
    ConnectionStatistics getStatistics();

    /**
     * Registers a listener for connection state changes.
     * @param listener the listener
     * @return a handle that removes the listener
     */
    Subscription addConnectionStateListener(ConnectionStateListener listener);

    /**
     * Registers a listener for errors.
     * @param listener the listener
     * @return a handle that removes the listener
     */
    Subscription addErrorListener(ErrorListener listener);

    /**
     * Registers a listener for login results, including automatic re-logins.
     * @param listener the listener
     * @return a handle that removes the listener
     */
    Subscription addLoginListener(LoginListener listener);

    /**
     * Registers a listener for changes of the client data that the server sends with a successful login: the first
     * login that brings any, and each later login (such as an automatic one after a reconnection) that brings
     * different data.
     * @param listener the listener
     * @return a handle that removes the listener
     */
    Subscription addClientDataListener(ClientDataListener listener);

    /**
     * Registers a listener for answered heartbeats (round-trip times).
     * @param listener the listener
     * @return a handle that removes the listener
     */
    Subscription addHeartbeatListener(HeartbeatListener listener);

    /**
     * Closes the connection for good ({@link ConnectionState#CLOSED}, no reconnection), fails what is still
     * waiting with {@link ErrorKind#IS_CLOSED}, delivers the last notifications and stops the client's threads.
     * deepstream removes a client's presence, subscriptions, listens and providers when its WebSocket closes, so
     * this sends the WebSocket close frame and waits until the WebSocket library reports the socket closed, at most
     * 2 s, then a bounded time for the threads: when it returns, the close frame is on the wire ahead of nothing
     * else, and the server acts on it next (Tomcat's client reports the close once the frame is written, without
     * waiting for the server's answering frame). Idempotent;
     * called from a listener it returns without waiting (the rest happens after that listener returns). Does not
     * hang when the server is gone.
     */
    @Override
    void close();

    /**
     * Drains, then closes: the way to stop a client without losing what it accepted (NATS calls it drain, too).
     * <ol>
     * <li>It stops taking in work: RPC providers and listens are withdrawn and event subscriptions ended, so the
     * server sends new requests, listen offers and events to other clients. Record subscriptions stay.</li>
     * <li>It finishes what was accepted, for at most {@code timeout}:
     * <ul>
     * <li>messages waiting for the socket (emits, writes, calls, including the offline queue) are written, after a
     * reconnection if need be;</li>
     * <li>record writes made with an acknowledgement wait for it;</li>
     * <li>RPC calls made by this client wait for their results;</li>
     * <li>RPC requests its providers are answering (or that wait in a provider's queue) get their answers out.</li>
     * </ul>
     * Sends made meanwhile are still accepted, and waited for as well.</li>
     * <li>It closes as {@link #close()} does: whatever is still unfinished fails with {@link ErrorKind#IS_CLOSED},
     * is counted in the result and logged once at WARN with a count per kind.</li>
     * </ol>
     * Idempotent: later calls return the first call's future. During a drain {@link #isDraining()} is {@code true}
     * (the starter's health indicator then reports {@code OUT_OF_SERVICE}).
     * @param timeout the longest to wait for unfinished work before closing
     * @return completes once the client is closed, with what was left unfinished; never fails
     */
    default CompletableFuture<DrainResult> drain(Duration timeout) {
        long start = System.nanoTime();
        return closeAsync().thenApply((ignored) -> new DrainResult(Duration.ofNanos(System.nanoTime() - start),
                Map.of()));
    }

    /**
     * Whether {@link #drain(Duration)} has begun: the client is on its way out and takes in no new work.
     * @return {@code true} once a drain has started
     */
    default boolean isDraining() {
        return false;
    }

    /**
     * Starts {@link #close()} without waiting.
     * @return completes when {@link #close()} would return: the closing handshake is over (or its bound passed) and
     * the client's threads have stopped. It completes on a client-internal thread that is about to end, so chain
     * only quick work on it; it never fails. The same future on every call.
     * The default (for implementations other than the library's own, such as test stubs) runs {@link #close()} on
     * the common pool.
     */
    default CompletableFuture<Void> closeAsync() {
        return CompletableFuture.runAsync(this::close);
    }

}
