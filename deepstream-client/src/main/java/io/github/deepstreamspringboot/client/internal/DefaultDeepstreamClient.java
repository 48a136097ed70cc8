package io.github.deepstreamspringboot.client.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.deepstreamspringboot.client.ClientDataListener;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.ConnectionStateChange;
import io.github.deepstreamspringboot.client.ConnectionStateListener;
import io.github.deepstreamspringboot.client.ConnectionStatistics;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.DrainResult;
import io.github.deepstreamspringboot.client.ErrorListener;
import io.github.deepstreamspringboot.client.HeartbeatListener;
import io.github.deepstreamspringboot.client.LoginCallback;
import io.github.deepstreamspringboot.client.LoginListener;
import io.github.deepstreamspringboot.client.LoginResult;
import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.event.EventClient;
import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.internal.connection.ClientThread;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.internal.connection.EventLoop;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.internal.connection.ThreadEventLoop;
import io.github.deepstreamspringboot.client.internal.connection.Transport;
import io.github.deepstreamspringboot.client.internal.connection.WebSocketTransport;
import io.github.deepstreamspringboot.client.internal.event.DefaultEventClient;
import io.github.deepstreamspringboot.client.internal.observation.DeepstreamObservations;
import io.github.deepstreamspringboot.client.internal.presence.DefaultPresenceClient;
import io.github.deepstreamspringboot.client.internal.protocol.DefaultJsonMapper;
import io.github.deepstreamspringboot.client.internal.record.DefaultRecordClient;
import io.github.deepstreamspringboot.client.internal.rpc.DefaultRpcClient;
import io.github.deepstreamspringboot.client.presence.PresenceClient;
import io.github.deepstreamspringboot.client.record.RecordClient;
import io.github.deepstreamspringboot.client.rpc.RpcClient;

/**
 * The {@link DeepstreamClient}: owns one connection, its features, and the threads they run on: the connection's
 * event loop ({@code deepstream-N-loop}), the callback thread ({@code deepstream-N-callbacks}) for listeners and
 * futures, and a pool ({@code deepstream-N-handler-*}) for event handlers and RPC providers. All are daemon threads
 * and stop on {@link #close()}: once the socket's closing handshake is over (or its bound passed), a short-lived
 * {@code deepstream-N-close} thread stops them and then completes the {@link #closeAsync()} future.
 */
public final class DefaultDeepstreamClient implements DeepstreamClient {

    private static final Logger logger = LoggerFactory.getLogger(DefaultDeepstreamClient.class);

    private static final AtomicInteger instances = new AtomicInteger();

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final DeepstreamConnection connection;

    private final EventLoop loop;

    private final ExecutorService callbacks;

    private final DeepstreamOptions options;

    private final UidGenerator uids;

    private final ExecutorService handlers;

    private final EventClient events;

    private final RpcClient rpcs;

    private final PresenceClient presence;

    private final RecordClient records;

    private volatile Thread callbackThread;

    private final String name;

    private final AtomicBoolean closing = new AtomicBoolean();

    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    DefaultDeepstreamClient(List<ServerUrl> urls, DeepstreamOptions options, Transport transport, EventLoop loop,
            String name) {
        this.name = name;
        this.options = options;
        this.loop = loop;
        this.callbacks = Executors.newSingleThreadExecutor((runnable) -> {
            Thread thread = new ClientThread(runnable, name + "-callbacks");
            this.callbackThread = thread;
            return thread;
        });
        this.connection = new DeepstreamConnection(urls, options, transport, loop, this.callbacks,
                () -> ThreadLocalRandom.current().nextDouble());
        this.uids = new UidGenerator(System::currentTimeMillis);
        AtomicInteger handlerThreads = new AtomicInteger();
        this.handlers = Executors.newCachedThreadPool((runnable) -> {
            return new ClientThread(runnable, name + "-handler-" + handlerThreads.incrementAndGet());
        });
        FeatureContext context = new FeatureContext(this.connection, new Payloads(options::jsonMapper), this.handlers,
                this.uids::next, new DeepstreamObservations(options.observationRegistry(),
                        options.rpcObservationConvention(), options.eventObservationConvention(),
                        options.recordWriteObservationConvention()));
        // restored after each login in this order: providers last, so that a caller who reaches a provider again
        // knows that the provider's subscriptions are back too (the server handles one socket's messages in order)
        this.events = new DefaultEventClient(context);
        this.presence = new DefaultPresenceClient(context);
        this.records = new DefaultRecordClient(context);
        this.rpcs = new DefaultRpcClient(context);
    }

    public static DefaultDeepstreamClient create(String url, DeepstreamOptions options) {
        return create(List.of(Objects.requireNonNull(url, "'url' must not be null")), options);
    }

    public static DefaultDeepstreamClient create(List<String> urls, DeepstreamOptions options) {
        Objects.requireNonNull(options, "'options' must not be null");
        Objects.requireNonNull(urls, "'urls' must not be null");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one deepstream server URL is needed");
        }
        List<ServerUrl> serverUrls = urls.stream().map((url) -> ServerUrl.parse(url, options.protocol())).toList();
        String name = "deepstream-" + instances.incrementAndGet();
        DefaultDeepstreamClient client = new DefaultDeepstreamClient(serverUrls, options,
                new WebSocketTransport(options.connectTimeout(), options.maxMessageSize(), options.sslContext()),
                new ThreadEventLoop(name + "-loop"), name);
        if (options.autoConnect()) {
            client.connect();
        }
        return client;
    }

    @Override
    public void connect() {
        // the codecs need it by the first payload: built meanwhile, it overlaps a fresh JVM's first connect; not
        // before, so that a Spring application, which connects once started, does not build it during start-up
        DefaultJsonMapper.prepareInBackground();
        this.connection.start();
    }

    @Override
    public CompletableFuture<LoginResult> login() {
        connect();
        return this.connection.login(this.options.authParams());
    }

    @Override
    public CompletableFuture<LoginResult> login(Map<String, ?> authParams) {
        Objects.requireNonNull(authParams, "'authParams' must not be null");
        Map<String, ?> copy = Collections.unmodifiableMap(new LinkedHashMap<>(authParams));
        connect();
        return this.connection.login(() -> copy);
    }

    @Override
    public void login(Map<String, ?> authParams, LoginCallback callback) {
        Objects.requireNonNull(callback, "'callback' must not be null");
        login(authParams).whenComplete((result, failure) -> {
            if (failure != null) {
                logger.warn("deepstream login failed: {}", failure.getMessage());
            }
            callback.onResult(result != null && result.success(), (result != null) ? result.clientData() : null);
        });
    }

    @Override
    public EventClient event() {
        return this.events;
    }

    @Override
    public RecordClient record() {
        return this.records;
    }

    @Override
    public RpcClient rpc() {
        return this.rpcs;
    }

    @Override
    public PresenceClient presence() {
        return this.presence;
    }

    @Override
    public Subscription addRpcListener(io.github.deepstreamspringboot.client.rpc.RpcListener listener) {
        return this.rpcs.addRpcListener(listener);
    }

    @Override
    public Subscription addRecordListener(io.github.deepstreamspringboot.client.record.RecordListener listener) {
        return this.records.addRecordListener(listener);
    }

    @Override
    public Subscription addResubscribeListener(Runnable listener) {
        return this.connection.addResubscribeListener(listener);
    }

    @Override
    public ConnectionState getConnectionState() {
        return this.connection.getConnectionState();
    }

    @Override
    public ConnectionStateChange getLastStateChange() {
        return this.connection.getLastStateChange();
    }

    @Override
    public String getUid() {
        return this.uids.next();
    }

    @Override
    public ServerUrl getServerUrl() {
        return this.connection.getServerUrl();
    }

    @Override
    public ConnectionStatistics getStatistics() {
        return this.connection.getStatistics();
    }

    @Override
    public Subscription addConnectionStateListener(ConnectionStateListener listener) {
        return this.connection.addConnectionStateListener(listener);
    }

    @Override
    public Subscription addErrorListener(ErrorListener listener) {
        return this.connection.addErrorListener(listener);
    }

    @Override
    public Subscription addLoginListener(LoginListener listener) {
        return this.connection.addLoginListener(listener);
    }

    @Override
    public Subscription addClientDataListener(ClientDataListener listener) {
        return this.connection.addClientDataListener(listener);
    }

    @Override
    public Subscription addHeartbeatListener(HeartbeatListener listener) {
        return this.connection.addHeartbeatListener(listener);
    }

    @Override
    public CompletableFuture<DrainResult> drain(Duration timeout) {
        Objects.requireNonNull(timeout, "'timeout' must not be null");
        // closeAsync does not block, so it may start on the loop, where the drain completes
        return this.connection.drain(timeout).thenCompose((result) -> closeAsync().thenApply((ignored) -> result));
    }

    @Override
    public boolean isDraining() {
        return this.connection.isDraining();
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        if (this.closing.compareAndSet(false, true)) {
            // the handshake completes on a transport or loop thread; stopping the threads blocks, so it gets its own
            this.connection.close().whenComplete((ignored, failure) -> {
                Thread closer = new Thread(this::stopThreads, this.name + "-close");
                closer.setDaemon(true);
                closer.start();
            });
        }
        return this.closed;
    }

    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        if (Thread.currentThread() == this.callbackThread) {
            // closing from a listener: the remaining callbacks run after this one returns, so waiting here would
            // only delay them
            return;
        }
        try {
            done.get(DeepstreamConnection.CLOSE_HANDSHAKE_TIMEOUT.plus(SHUTDOWN_TIMEOUT).toMillis() + 2000,
                    TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException ex) {
            logger.warn("deepstream client did not finish closing in time", ex);
        }
    }

    /** Stops the client's threads, waiting a bounded time for each, then completes {@link #closed}. */
    private void stopThreads() {
        try {
            awaitThreads();
        }
        finally {
            this.closed.complete(null);
        }
    }

    private void awaitThreads() {
        if (!this.loop.shutdown(SHUTDOWN_TIMEOUT)) {
            logger.warn("deepstream connection loop did not stop within {}", SHUTDOWN_TIMEOUT);
        }
        // handlers may block: give them a moment, then interrupt; nothing they do can reach the server any more
        this.handlers.shutdown();
        this.callbacks.shutdown();
        try {
            if (!this.callbacks.awaitTermination(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("deepstream callbacks did not finish within {}", SHUTDOWN_TIMEOUT);
            }
            if (!this.handlers.awaitTermination(1, TimeUnit.SECONDS)) {
                this.handlers.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DeepstreamClient[url=" + getServerUrl() + ", state=" + getConnectionState() + "]";
    }

}
