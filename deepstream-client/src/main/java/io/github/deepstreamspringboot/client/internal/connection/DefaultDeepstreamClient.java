package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.deepstreamspringboot.client.ClientDataListener;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.ConnectionStateChange;
import io.github.deepstreamspringboot.client.ConnectionStateListener;
import io.github.deepstreamspringboot.client.ConnectionStatistics;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.DrainResult;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.ErrorListener;
import io.github.deepstreamspringboot.client.HeartbeatListener;
import io.github.deepstreamspringboot.client.LoginCallback;
import io.github.deepstreamspringboot.client.LoginListener;
import io.github.deepstreamspringboot.client.LoginResult;
import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.event.EventClient;
import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.internal.event.DefaultEventClient;
import io.github.deepstreamspringboot.client.internal.observation.DeepstreamObservations;
import io.github.deepstreamspringboot.client.internal.presence.DefaultPresenceClient;
import io.github.deepstreamspringboot.client.internal.protocol.DefaultJsonMapper;
import io.github.deepstreamspringboot.client.internal.record.DefaultRecordClient;
import io.github.deepstreamspringboot.client.internal.rpc.DefaultRpcClient;
import io.github.deepstreamspringboot.client.presence.PresenceClient;
import io.github.deepstreamspringboot.client.record.RecordClient;
import io.github.deepstreamspringboot.client.record.RecordListener;
import io.github.deepstreamspringboot.client.rpc.RpcClient;

/**
 * The {@link DeepstreamClient}: the one object over the engine. It owns the connection's state machine
 * ({@link ConnectionEngine}, driven by handing every call to the event loop), the notifier of its listeners, the
 * outgoing {@link Backlog}, the features, and the client's threads ({@link ClientThreads}). The features reach the
 * connection through {@link DeepstreamConnection}, their port.
 *
 * <p><b>Thread model.</b> Every method may be called from any thread. {@link #getConnectionState()} reads a volatile
 * copy. Listeners and the futures this client returns complete on the callback thread (in order), never on the loop
 * or an I/O thread; a listener that throws is logged and the others still run. {@link #close()} stops the threads
 * once the socket's closing handshake is over (or its bound passed), from a short-lived {@code deepstream-N-close}
 * thread, which then completes the {@link #closeAsync()} future.
 */
public final class DefaultDeepstreamClient implements DeepstreamClient {

    private static final Logger logger = LoggerFactory.getLogger(DefaultDeepstreamClient.class);

    /** The longest {@link #close()} waits for the server's side of the closing handshake. */
    static final Duration CLOSE_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

    private static final AtomicInteger instances = new AtomicInteger();

    /** Prefixes the names of the client's own threads ({@code deepstream-3-close}). */
    private final String threadPrefix;

    private final DeepstreamOptions options;

    private final ClientThreads threads;

    private final ConnectionNotifier notifier;

    private final ConnectionEngine engine;

    private final Backlog backlog;

    private final DeepstreamConnection connection;

    private final UidGenerator uids = new UidGenerator(System::currentTimeMillis);

    private final EventClient events;

    private final RpcClient rpcs;

    private final PresenceClient presence;

    private final RecordClient records;

    private final AtomicBoolean started = new AtomicBoolean();

    private final AtomicBoolean closing = new AtomicBoolean();

    /** The closing handshake is over, or its bound passed. */
    private final CompletableFuture<Void> handshakeDone = new CompletableFuture<>();

    /** The threads are stopped too. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private final AtomicReference<CompletableFuture<DrainResult>> drain = new AtomicReference<>();

    DefaultDeepstreamClient(String threadPrefix, List<ServerUrl> urls, DeepstreamOptions options, Transport transport,
            ClientThreads threads, DoubleSupplier random) {
        this.threadPrefix = threadPrefix;
        this.options = options;
        this.threads = threads;
        EventLoop loop = threads.loop();
        this.notifier = new ConnectionNotifier(threads.callbacks(), new LogThrottle(loop::now));
        this.backlog = new Backlog(options.backlogMaxSize(), options.backlogMaxWait());
        this.engine = new ConnectionEngine(urls, options, transport, loop, this.notifier, this.backlog, random);
        this.connection = new DeepstreamConnection(options, loop, this.engine, this.notifier, this.backlog);
        if (options.heartbeatInterval().compareTo(DeepstreamOptions.SERVER_DEFAULT_IDLE_LIMIT) >= 0) {
            logger.warn("heartbeatInterval {} is not below {}: a deepstream server with the default heartbeat "
                    + "interval drops connections that send nothing for that long", options.heartbeatInterval(),
                    DeepstreamOptions.SERVER_DEFAULT_IDLE_LIMIT);
        }
        FeatureContext context = new FeatureContext(this.connection, new Payloads(options::jsonMapper),
                threads.handlers(), this.uids::next, DeepstreamObservations.of(options));
        // restored after each login in this order: providers last, so that a caller who reaches a provider again
        // knows that the provider's subscriptions are back too (the server handles one socket's messages in order)
        this.events = new DefaultEventClient(context);
        this.presence = new DefaultPresenceClient(context);
        this.records = new DefaultRecordClient(context);
        this.rpcs = new DefaultRpcClient(context);
    }

    /**
     * Creates a client of one server; see {@link DeepstreamClient#create(String, DeepstreamOptions)}.
     * @param url the server's URL
     * @param options the options
     * @return the client, connecting unless {@code autoConnect} is off
     */
    public static DefaultDeepstreamClient create(String url, DeepstreamOptions options) {
        return create(List.of(Objects.requireNonNull(url, "'url' must not be null")), options);
    }

    /**
     * Creates a client of a cluster's nodes; see {@link DeepstreamClient#create(List, DeepstreamOptions)}.
     * @param urls the nodes' URLs
     * @param options the options
     * @return the client, connecting unless {@code autoConnect} is off
     */
    public static DefaultDeepstreamClient create(List<String> urls, DeepstreamOptions options) {
        Objects.requireNonNull(options, "'options' must not be null");
        Objects.requireNonNull(urls, "'urls' must not be null");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one deepstream server URL is needed");
        }
        List<ServerUrl> serverUrls = urls.stream().map((url) -> ServerUrl.parse(url, options.protocol())).toList();
        String name = "deepstream-" + instances.incrementAndGet();
        Transports.Choice transport = Transports.create(options);
        DefaultDeepstreamClient client = new DefaultDeepstreamClient(name, serverUrls, options, transport.transport(),
                ClientThreads.start(name, options.virtualThreads(), transport.loop()),
                () -> ThreadLocalRandom.current().nextDouble());
        if (options.autoConnect()) {
            client.connect();
        }
        return client;
    }

    /** @return the features' port to the connection */
    DeepstreamConnection connection() {
        return this.connection;
    }

    // ---- connecting and logging in ----------------------------------------------------------------------------

    @Override
    public void connect() {
        if (this.started.compareAndSet(false, true)) {
            // the codecs need it by the first payload: built meanwhile, it overlaps a fresh JVM's first connect; not
            // before, so that a Spring application, which connects once started, does not build it during start-up
            DefaultJsonMapper.prepareInBackground();
            this.engine.runOnLoop(this.engine::connect);
        }
    }

    @Override
    public CompletableFuture<LoginResult> login() {
        return login(this.options.authParams());
    }

    @Override
    public CompletableFuture<LoginResult> login(Map<String, ?> authParams) {
        Objects.requireNonNull(authParams, "'authParams' must not be null");
        Map<String, ?> copy = Collections.unmodifiableMap(new LinkedHashMap<>(authParams));
        return login(() -> copy);
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

    /**
     * Connects if need be, and logs in as soon as the server has accepted the connection.
     * @param params the credentials, asked now and again for each automatic re-login
     * @return completes with the server's answer, on the callback thread
     */
    CompletableFuture<LoginResult> login(Supplier<? extends Map<String, ?>> params) {
        connect();
        CompletableFuture<LoginResult> result = new CompletableFuture<>();
        if (!this.engine.runOnLoop(() -> this.engine.login().begin(params, result))) {
            result.completeExceptionally(closedException());
        }
        return result;
    }

    // ---- features ---------------------------------------------------------------------------------------------

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
    public String getUid() {
        return this.uids.next();
    }

    // ---- state and listeners ----------------------------------------------------------------------------------

    @Override
    public ConnectionState getConnectionState() {
        return this.engine.getConnectionState();
    }

    @Override
    public ConnectionStateChange getLastStateChange() {
        return this.engine.getLastStateChange();
    }

    /** With several nodes, the one of the current connection or attempt, or of the last one. */
    @Override
    public ServerUrl getServerUrl() {
        return this.engine.currentServer();
    }

    @Override
    public String getName() {
        return this.options.name();
    }

    @Override
    public ConnectionStatistics getStatistics() {
        return this.engine.statistics();
    }

    @Override
    public Subscription addConnectionStateListener(ConnectionStateListener listener) {
        return this.notifier.addStateListener(listener);
    }

    @Override
    public Subscription addErrorListener(ErrorListener listener) {
        return this.notifier.addErrorListener(listener);
    }

    @Override
    public Subscription addLoginListener(LoginListener listener) {
        return this.notifier.addLoginListener(listener);
    }

    @Override
    public Subscription addClientDataListener(ClientDataListener listener) {
        return this.notifier.addClientDataListener(listener);
    }

    @Override
    public Subscription addHeartbeatListener(HeartbeatListener listener) {
        return this.notifier.addHeartbeatListener(listener);
    }

    @Override
    public Subscription addResubscribeListener(Runnable listener) {
        return this.notifier.addResubscribeListener(listener);
    }

    @Override
    public Subscription addRecordListener(RecordListener listener) {
        return this.records.addRecordListener(listener);
    }

    // ---- draining and closing ---------------------------------------------------------------------------------

    @Override
    public CompletableFuture<DrainResult> drain(Duration timeout) {
        Objects.requireNonNull(timeout, "'timeout' must not be null");
        Drain started = new Drain(this.engine, this.backlog, this.threads.loop());
        if (this.drain.compareAndSet(null, started.result())) {
            started.start(timeout);
        }
        // closeAsync does not block, so it may start on the loop, where the drain completes
        return this.drain.get().thenCompose((result) -> closeAsync().thenApply((ignored) -> result));
    }

    @Override
    public boolean isDraining() {
        return this.drain.get() != null;
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        startClose();
        return this.closed;
    }

    /**
     * Starts closing, once: the closing handshake, then the threads stop.
     * @return completes when the closing handshake is over or {@link #CLOSE_HANDSHAKE_TIMEOUT} has passed
     */
    CompletableFuture<Void> startClose() {
        if (this.closing.compareAndSet(false, true)) {
            boolean onLoop = this.engine.runOnLoop(() -> {
                // whichever comes first; the timer is not cancelled, since completing twice does nothing
                this.threads.loop().schedule(() -> this.handshakeDone.complete(null), CLOSE_HANDSHAKE_TIMEOUT);
                this.engine.close(closedException())
                    .whenComplete((ignored, failure) -> this.handshakeDone.complete(null));
            });
            if (!onLoop) {
                this.handshakeDone.complete(null);
            }
            // the handshake completes on a transport or loop thread; stopping the threads blocks, so it gets its own
            this.handshakeDone.whenComplete((ignored, failure) -> {
                Thread closer = new Thread(this::stopThreads, this.threadPrefix + "-close");
                closer.setDaemon(true);
                closer.start();
            });
        }
        return this.handshakeDone;
    }

    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        if (this.threads.isCallbackThread()) {
            // closing from a listener: the remaining callbacks run after this one returns, so waiting here would
            // only delay them
            return;
        }
        try {
            done.get(CLOSE_HANDSHAKE_TIMEOUT.plus(ClientThreads.SHUTDOWN_TIMEOUT.multipliedBy(2)).toMillis() + 2000,
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
            this.threads.stop();
        }
        finally {
            this.closed.complete(null);
        }
    }

    private static DeepstreamException closedException() {
        return new DeepstreamException(ErrorKind.IS_CLOSED, "The client is closed");
    }

    @Override
    public String toString() {
        return "DeepstreamClient[url=" + getServerUrl() + ", state=" + getConnectionState() + "]";
    }

}
