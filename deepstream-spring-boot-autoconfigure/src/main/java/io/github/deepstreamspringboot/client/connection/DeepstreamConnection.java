package io.github.deepstreamspringboot.client.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.ConnectionStateChange;
import io.github.deepstreamspringboot.client.ConnectionStateListener;
import io.github.deepstreamspringboot.client.ConnectionStatistics;
import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.ErrorListener;
import io.github.deepstreamspringboot.client.HeartbeatListener;
import io.github.deepstreamspringboot.client.LoginListener;
import io.github.deepstreamspringboot.client.LoginResult;
import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.protocol.AuthAction;
import io.github.deepstreamspringboot.client.protocol.ConnectionAction;
import io.github.deepstreamspringboot.client.protocol.Frame;
import io.github.deepstreamspringboot.client.protocol.Message;
import io.github.deepstreamspringboot.client.protocol.MessageCodec;
import io.github.deepstreamspringboot.client.protocol.MessageParseException;
import io.github.deepstreamspringboot.client.protocol.Topic;

/**
 * The connection state machine: opens the socket, challenges, logs in, sends heartbeats, reconnects with back-off,
 * re-logs in after a reconnection and queues messages while not logged in.
 *
 * <p><b>Thread model.</b> Every mutable field is confined to the {@link EventLoop}; public methods may be called from
 * any thread and hand their work to the loop. WebSocket I/O threads do nothing but enqueue: each transport callback
 * becomes a loop task tagged with its socket's id, so callbacks from an abandoned socket are ignored.
 * {@link #getConnectionState()} reads a volatile copy. Listeners and the futures this class returns are completed on
 * the callback executor (one thread, in order), never on the loop or an I/O thread; a listener that throws is logged
 * and the others still run.
 */
public final class DeepstreamConnection {

    private static final Logger logger = LoggerFactory.getLogger(DeepstreamConnection.class);

    static final String PROTOCOL_VERSION = "0.1a";

    static final String SDK_TYPE = "java";

    private static final int HEARTBEAT_MISSES_ALLOWED = 2;

    private final ServerUrl url;

    private final DeepstreamOptions options;

    private final Transport transport;

    private final MessageCodec codec;

    private final EventLoop loop;

    private final Executor callbacks;

    private final ReconnectPolicy reconnectPolicy;

    private final JsonMapper mapper = JsonMapper.builder().build();

    private final StatisticsRecorder statistics = new StatisticsRecorder();

    private final List<ConnectionStateListener> stateListeners = new CopyOnWriteArrayList<>();

    private final List<ErrorListener> errorListeners = new CopyOnWriteArrayList<>();

    private final List<LoginListener> loginListeners = new CopyOnWriteArrayList<>();

    private final List<HeartbeatListener> heartbeatListeners = new CopyOnWriteArrayList<>();

    /** Handlers of the feature topics (event, rpc, record, presence); called on the loop. */
    private final Map<Topic, TopicHandler> topicHandlers = new ConcurrentHashMap<>();

    /** The same handlers in registration order, the order in which they restore their subscriptions. */
    private final List<TopicHandler> topicHandlerOrder = new CopyOnWriteArrayList<>();

    private final List<Runnable> resubscribeListeners = new CopyOnWriteArrayList<>();

    private final AtomicBoolean started = new AtomicBoolean();

    private final AtomicBoolean closeRequested = new AtomicBoolean();

    /** Written on the loop only; volatile so that any thread can read it. */
    private volatile ConnectionStateChange lastChange;

    // ---- confined to the loop ------------------------------------------------------------------------------------

    private final OfflineQueue offlineQueue;

    /** The open socket; {@code null} while none is open. */
    private TransportSession session;

    /** Id of the current socket attempt; transport callbacks carrying an older id are stale and ignored. */
    private long socketId;

    /** Reconnection attempts made since the last successful login (or since start). */
    private int reconnectAttempt;

    /** Whether some login has succeeded, so that the next one re-establishes a lost connection. */
    private boolean everLoggedIn;

    /** The login waiting for a connection or for the server's answer; {@code null} if none. */
    private PendingLogin pendingLogin;

    /** Credentials of the last successful login, asked again after each reconnection; {@code null} before. */
    private Supplier<? extends Map<String, ?>> reloginParams;

    /** Time the last ping whose pong is awaited was sent; {@code null} when none is awaited (or not logged in). */
    private Instant pingSentAt;

    /** Heartbeats in a row that got no pong. */
    private int heartbeatMisses;

    private EventLoop.Cancellable connectTimer;

    private EventLoop.Cancellable loginTimer;

    private EventLoop.Cancellable heartbeatTimer;

    private EventLoop.Cancellable reconnectTimer;

    private EventLoop.Cancellable expiryTimer;

    /**
     * Creates a connection; nothing happens until {@link #start()}.
     * @param url the server
     * @param options the options
     * @param transport opens sockets
     * @param loop runs everything this connection does
     * @param callbacks runs listeners and completes futures
     * @param random source of jitter, numbers in [0, 1)
     */
    public DeepstreamConnection(ServerUrl url, DeepstreamOptions options, Transport transport, EventLoop loop,
            Executor callbacks, DoubleSupplier random) {
        this.url = Objects.requireNonNull(url, "'url' must not be null");
        this.options = Objects.requireNonNull(options, "'options' must not be null");
        this.transport = Objects.requireNonNull(transport, "'transport' must not be null");
        this.loop = Objects.requireNonNull(loop, "'loop' must not be null");
        this.callbacks = Objects.requireNonNull(callbacks, "'callbacks' must not be null");
        this.codec = options.codec();
        this.reconnectPolicy = new ReconnectPolicy(options.reconnectIntervalIncrement(),
                options.maxReconnectInterval(), options.reconnectJitter(), random);
        this.offlineQueue = new OfflineQueue(options.offlineQueueMaxSize(), options.offlineQueueMaxAge());
        this.lastChange = new ConnectionStateChange(ConnectionState.CLOSED, ConnectionState.CLOSED, "created",
                loop.now(), 0, null);
        if (options.heartbeatInterval().compareTo(DeepstreamOptions.SERVER_DEFAULT_IDLE_LIMIT) >= 0) {
            logger.warn("heartbeatInterval {} is not below {}: a deepstream server with the default heartbeat "
                    + "interval drops connections that send nothing for that long", options.heartbeatInterval(),
                    DeepstreamOptions.SERVER_DEFAULT_IDLE_LIMIT);
        }
    }

    // ---- public API, any thread -----------------------------------------------------------------------------------

    /** Starts connecting; later calls do nothing. Register the listeners that must see the first states before. */
    public void start() {
        if (this.started.compareAndSet(false, true)) {
            runOnLoop(this::connect);
        }
    }

    /**
     * Logs in, as soon as the server has accepted the connection.
     * @param params the credentials, asked now and again for each automatic re-login
     * @return completes with the server's answer, on the callback executor
     */
    public CompletableFuture<LoginResult> login(Supplier<? extends Map<String, ?>> params) {
        CompletableFuture<LoginResult> result = new CompletableFuture<>();
        PendingLogin login = new PendingLogin(params, result, false);
        if (!runOnLoop(() -> beginLogin(login))) {
            result.completeExceptionally(closedException());
        }
        return result;
    }

    /**
     * Sends a message now if logged in, else queues it until the next login.
     * @param message the message
     * @return completes when the message was handed to the socket; fails with a {@link DeepstreamException} of kind
     * {@link ErrorKind#OFFLINE_QUEUE_FULL}, {@link ErrorKind#OFFLINE_QUEUE_EXPIRED} or {@link ErrorKind#IS_CLOSED}
     */
    public CompletableFuture<Void> send(Message message) {
        return send(message, null);
    }

    /**
     * Like {@link #send(Message)}, and runs {@code onWritten} on the event loop right after the message was written
     * to a socket, so that a topic handler knows which of its requests the server may have seen.
     * @param message the message
     * @param onWritten run on the loop after the write, or {@code null}
     * @return completes when the message was handed to the socket (see {@link #send(Message)})
     */
    public CompletableFuture<Void> send(Message message, Runnable onWritten) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!runOnLoop(() -> sendOrQueue(message, done, onWritten))) {
            done.completeExceptionally(closedException());
        }
        return done;
    }

    /**
     * Closes the connection for good: no reconnection; pending logins and queued messages fail with
     * {@link ErrorKind#IS_CLOSED}. Idempotent; returns without waiting.
     */
    public void close() {
        if (this.closeRequested.compareAndSet(false, true)) {
            runOnLoop(() -> terminate(ConnectionState.CLOSED, "closed by the application",
                    closedException()));
        }
    }

    /** @return the current state */
    public ConnectionState getConnectionState() {
        return this.lastChange.current();
    }

    /** @return the last state change (the current state, since when, and why) */
    public ConnectionStateChange getLastStateChange() {
        return this.lastChange;
    }

    /** @return the live counters */
    public ConnectionStatistics getStatistics() {
        return this.statistics;
    }

    /** @return the server URL */
    public ServerUrl getServerUrl() {
        return this.url;
    }

    /**
     * Registers a state listener.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addConnectionStateListener(ConnectionStateListener listener) {
        return register(this.stateListeners, listener);
    }

    /**
     * Registers an error listener.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addErrorListener(ErrorListener listener) {
        return register(this.errorListeners, listener);
    }

    /**
     * Registers a login listener.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addLoginListener(LoginListener listener) {
        return register(this.loginListeners, listener);
    }

    /**
     * Registers a heartbeat listener.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addHeartbeatListener(HeartbeatListener listener) {
        return register(this.heartbeatListeners, listener);
    }

    /**
     * Registers a listener told (on the callback executor) each time the client has logged in again after a
     * reconnection and restored every subscription, before queued messages are sent.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addResubscribeListener(Runnable listener) {
        return register(this.resubscribeListeners, listener);
    }

    /**
     * Routes the messages of a feature topic to a handler. Register handlers before {@link #start()}; after each
     * login they restore their subscriptions in registration order.
     * @param topic the topic
     * @param handler the handler, called on the event loop
     */
    public void setTopicHandler(Topic topic, TopicHandler handler) {
        TopicHandler previous = this.topicHandlers.put(topic, handler);
        if (previous != null) {
            this.topicHandlerOrder.remove(previous);
        }
        this.topicHandlerOrder.add(handler);
    }

    // ---- for topic handlers: event loop only ------------------------------------------------------------------

    /**
     * Runs a task on the event loop; if the client is closed the task does not run.
     * @param task the task
     * @return {@code false} if the client is closed
     */
    public boolean execute(Runnable task) {
        return runOnLoop(task);
    }

    /** @return the event loop, for timers of topic handlers */
    public EventLoop loop() {
        return this.loop;
    }

    /** @return the options */
    public DeepstreamOptions options() {
        return this.options;
    }

    /**
     * Whether the client is logged in. Event loop only.
     * @return {@code true} in {@code OPEN}
     */
    public boolean isOpen() {
        return getConnectionState() == ConnectionState.OPEN;
    }

    /**
     * Writes a message now, bypassing the offline queue (for subscriptions, acknowledgements and replies that only
     * make sense on this socket). Event loop only.
     * @param message the message
     * @return {@code false} if there is no open socket or writing failed (the failure path has then run)
     */
    public boolean sendNow(Message message) {
        return sendOnSocket(message);
    }

    /**
     * Reports an error to the error listeners. Event loop only.
     * @param kind the kind
     * @param message a description without credentials
     * @param topic the topic
     */
    public void reportError(ErrorKind kind, String message, Topic topic) {
        notifyError(kind, message, topic, null);
    }

    /**
     * Reports an error about a name (event, RPC, user, pattern) to the error listeners. Event loop only.
     * @param kind the kind
     * @param message a description without credentials
     * @param topic the topic
     * @param name the name
     */
    public void reportError(ErrorKind kind, String message, Topic topic, String name) {
        notifyError(kind, message, topic, name);
    }

    /**
     * Runs a callback on the callback executor (for futures and listeners of topic handlers).
     * @param callback the callback
     */
    public void callback(Runnable callback) {
        runCallback(callback);
    }

    private static <T> Subscription register(List<T> listeners, T listener) {
        Objects.requireNonNull(listener, "'listener' must not be null");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // ---- connecting -------------------------------------------------------------------------------------------------

    private void connect() {
        if (this.closeRequested.get()) {
            return;
        }
        long id = ++this.socketId;
        setState(ConnectionState.AWAITING_CONNECTION, (this.reconnectAttempt == 0) ? "connecting to " + this.url
                : "reconnection attempt " + this.reconnectAttempt + " to " + this.url);
        this.connectTimer = this.loop.schedule(() -> onConnectTimeout(id), this.options.connectTimeout());
        CompletableFuture<TransportSession> opening;
        try {
            opening = this.transport.connect(this.url.uri(), new SocketListener(id));
        }
        catch (RuntimeException ex) {
            opening = CompletableFuture.failedFuture(ex);
        }
        opening.whenComplete((session, ex) -> {
            if (ex != null) {
                runOnLoop(() -> connectionLost(id, ErrorKind.CONNECTION_ERROR, "cannot connect to " + this.url
                        + ": " + describe(ex)));
            }
        });
    }

    private void onSocketOpened(long id, TransportSession opened) {
        if (id != this.socketId || this.getConnectionState().isTerminal()) {
            opened.close();
            return;
        }
        this.session = opened;
        this.pingSentAt = null;
        this.heartbeatMisses = 0;
        this.heartbeatTimer = this.loop.schedule(() -> onHeartbeatTick(id), this.options.heartbeatInterval());
        setState(ConnectionState.CHALLENGING, "connected, challenging");
        sendNow(Message.builder(ConnectionAction.CHALLENGE)
            .attribute("protocolVersion", PROTOCOL_VERSION)
            .attribute("sdkType", SDK_TYPE)
            .attribute("sdkVersion", sdkVersion())
            .build());
    }

    private void onConnectTimeout(long id) {
        ConnectionState state = getConnectionState();
        if (id == this.socketId
                && (state == ConnectionState.AWAITING_CONNECTION || state == ConnectionState.CHALLENGING)) {
            connectionLost(id, ErrorKind.CONNECTION_ERROR, "no deepstream handshake with " + this.url + " within "
                    + this.options.connectTimeout());
        }
    }

    private void onChallengeAccepted() {
        cancel(this.connectTimer);
        setState(ConnectionState.AWAITING_AUTHENTICATION, "connection accepted by the server");
        if (this.pendingLogin == null && this.reloginParams != null) {
            this.pendingLogin = new PendingLogin(this.reloginParams, new CompletableFuture<>(), true);
        }
        if (this.pendingLogin != null) {
            sendLogin();
        }
    }

    // ---- login ------------------------------------------------------------------------------------------------------

    private void beginLogin(PendingLogin login) {
        ConnectionState state = getConnectionState();
        if (state.isTerminal()) {
            failLater(login.result(), new DeepstreamException(ErrorKind.IS_CLOSED,
                    "Cannot log in: the client is " + state));
        }
        else if (state == ConnectionState.OPEN) {
            failLater(login.result(), new IllegalStateException("Already logged in"));
        }
        else if (this.pendingLogin != null) {
            failLater(login.result(), new IllegalStateException("A login is already in progress"));
        }
        else {
            this.pendingLogin = login;
            if (state == ConnectionState.AWAITING_AUTHENTICATION) {
                sendLogin();
            }
        }
    }

    private void sendLogin() {
        PendingLogin login = this.pendingLogin;
        JsonNode credentials;
        try {
            Map<String, ?> params = login.params().get();
            credentials = this.mapper.valueToTree((params != null) ? params : Map.of());
        }
        catch (RuntimeException ex) {
            this.pendingLogin = null;
            String problem = "the auth parameters could not be obtained: " + ex.getClass().getSimpleName();
            if (login.automatic()) {
                reportError(ErrorKind.REAUTHENTICATION_FAILURE, problem, Topic.AUTH);
            }
            failLater(login.result(), new IllegalStateException("Cannot log in: " + problem, ex));
            return;
        }
        setState(ConnectionState.AUTHENTICATING,
                login.automatic() ? "logging in again after reconnection" : "logging in");
        long id = this.socketId;
        this.loginTimer = this.loop.schedule(() -> onLoginTimeout(id), this.options.requestTimeout());
        sendNow(Message.builder(AuthAction.REQUEST).payload(credentials).build());
    }

    private void onLoginSucceeded(JsonNode clientData) {
        PendingLogin login = takePendingLogin();
        if (login == null) {
            reportError(ErrorKind.UNSOLICITED_MESSAGE, "login success without a login", Topic.AUTH);
            return;
        }
        this.reloginParams = login.params();
        this.reconnectAttempt = 0;
        this.pingSentAt = null;
        this.heartbeatMisses = 0;
        if (this.everLoggedIn) {
            this.statistics.reconnected();
        }
        this.everLoggedIn = true;
        setState(ConnectionState.OPEN, login.automatic() ? "logged in again after reconnection" : "logged in");
        // control traffic first: the server forgot the old socket's subscriptions, restore them before queued sends
        forEachTopicHandler(TopicHandler::onLoggedIn);
        flushOfflineQueue();
        if (login.automatic()) {
            notifyListeners(this.resubscribeListeners, Runnable::run);
        }
        LoginResult result = new LoginResult(true, clientData, login.automatic());
        completeLater(login.result(), result);
        notifyLogin(result);
    }

    private void onLoginRefused(JsonNode reason) {
        PendingLogin login = takePendingLogin();
        if (login == null) {
            reportError(ErrorKind.UNSOLICITED_MESSAGE, "login refusal without a login", Topic.AUTH);
            return;
        }
        setState(ConnectionState.AWAITING_AUTHENTICATION, "login refused by the server");
        LoginResult result = new LoginResult(false, reason, login.automatic());
        completeLater(login.result(), result);
        notifyLogin(result);
        if (login.automatic()) {
            reportError(ErrorKind.REAUTHENTICATION_FAILURE,
                    "the server refused the automatic login after reconnection; call login() again", Topic.AUTH);
        }
    }

    private void onLoginTimeout(long id) {
        if (id != this.socketId || getConnectionState() != ConnectionState.AUTHENTICATING) {
            return;
        }
        PendingLogin login = takePendingLogin();
        String problem = "no answer to the login within " + this.options.requestTimeout();
        reportError(ErrorKind.ACK_TIMEOUT, problem, Topic.AUTH);
        if (login != null) {
            failLater(login.result(), new DeepstreamException(ErrorKind.ACK_TIMEOUT, problem));
        }
        connectionLost(id, null, problem);
    }

    private PendingLogin takePendingLogin() {
        cancel(this.loginTimer);
        PendingLogin login = this.pendingLogin;
        this.pendingLogin = null;
        return login;
    }

    // ---- incoming messages ------------------------------------------------------------------------------------------

    private void onFrame(long id, Frame frame) {
        if (id != this.socketId || this.session == null) {
            return;
        }
        Message message;
        try {
            message = this.codec.decode(frame);
        }
        catch (MessageParseException ex) {
            reportError(ErrorKind.MESSAGE_PARSE_ERROR, "undecodable frame from the server (" + frame.size()
                    + " chars): " + ex.getMessage(), Topic.UNKNOWN);
            return;
        }
        this.statistics.received(message.topic());
        switch (message.topic()) {
            case CONNECTION -> onConnectionMessage(id, message);
            case AUTH -> onAuthMessage(message);
            case PARSER -> reportError(ErrorKind.INVALID_MESSAGE, "the server could not handle a message"
                    + ((message.originalTopic() != null) ? " on topic " + message.originalTopic() : ""),
                    Topic.PARSER);
            default -> dispatchToFeature(message);
        }
    }

    private void onConnectionMessage(long id, Message message) {
        if (ConnectionAction.PONG.matches(message)) {
            onPong();
        }
        else if (ConnectionAction.ACCEPT.matches(message)
                && getConnectionState() == ConnectionState.CHALLENGING) {
            onChallengeAccepted();
        }
        else if (ConnectionAction.AUTHENTICATION_TIMEOUT.matches(message)) {
            connectionLost(id, ErrorKind.AUTHENTICATION_TIMEOUT,
                    "the server closed the connection because the client did not log in in time");
        }
        else if (ConnectionAction.REJECT.matches(message)) {
            reportError(ErrorKind.CONNECTION_ERROR, "the server rejected the connection", Topic.CONNECTION);
            terminate(ConnectionState.ERROR, "connection rejected by the server",
                    new DeepstreamException(ErrorKind.CONNECTION_ERROR, "The server rejected the connection"));
        }
        else if (ConnectionAction.INVALID_MESSAGE.matches(message)) {
            reportError(ErrorKind.INVALID_MESSAGE, "the server refused a message sent before the handshake",
                    Topic.CONNECTION);
        }
        else {
            reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message, Topic.CONNECTION);
        }
    }

    private void onAuthMessage(Message message) {
        if (AuthAction.AUTH_SUCCESSFUL.matches(message)) {
            onLoginSucceeded(message.payload());
        }
        else if (AuthAction.AUTH_UNSUCCESSFUL.matches(message)) {
            onLoginRefused(message.payload());
        }
        else if (AuthAction.TOO_MANY_AUTH_ATTEMPTS.matches(message)) {
            takePendingLogin();
            reportError(ErrorKind.TOO_MANY_AUTH_ATTEMPTS, "the server refuses further logins on this connection",
                    Topic.AUTH);
            terminate(ConnectionState.CLOSED, "too many failed login attempts",
                    new DeepstreamException(ErrorKind.TOO_MANY_AUTH_ATTEMPTS, "Too many failed login attempts"));
        }
        else if (AuthAction.INVALID_MESSAGE.matches(message) || AuthAction.INVALID_MESSAGE_DATA.matches(message)) {
            PendingLogin login = takePendingLogin();
            String problem = "the server refused the login message (action " + message.action() + ")";
            reportError(ErrorKind.INVALID_MESSAGE, problem, Topic.AUTH);
            if (login != null) {
                failLater(login.result(), new DeepstreamException(ErrorKind.INVALID_MESSAGE, problem));
            }
        }
        else {
            reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message, Topic.AUTH);
        }
    }

    private void dispatchToFeature(Message message) {
        TopicHandler handler = this.topicHandlers.get(message.topic());
        if (handler == null) {
            reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message, message.topic());
            return;
        }
        try {
            handler.onMessage(message);
        }
        catch (RuntimeException ex) {
            logger.error("Handling {} failed", message, ex);
        }
    }

    // ---- heartbeats -------------------------------------------------------------------------------------------------

    private void onHeartbeatTick(long id) {
        if (id != this.socketId || this.session == null) {
            return;
        }
        boolean loggedIn = getConnectionState() == ConnectionState.OPEN;
        if (loggedIn && this.pingSentAt != null) {
            this.heartbeatMisses++;
            this.statistics.heartbeatMissed();
            logger.warn("No answer to heartbeat from {} ({} in a row)", this.url, this.heartbeatMisses);
            if (this.heartbeatMisses >= HEARTBEAT_MISSES_ALLOWED) {
                connectionLost(id, ErrorKind.HEARTBEAT_TIMEOUT, "no answer to " + this.heartbeatMisses
                        + " heartbeats in a row (interval " + this.options.heartbeatInterval() + ")");
                return;
            }
        }
        this.heartbeatTimer = this.loop.schedule(() -> onHeartbeatTick(id), this.options.heartbeatInterval());
        // the server answers pings only after login; before it they just keep the socket from being dropped as idle
        Instant sentAt = this.loop.now();
        if (sendNow(Message.builder(ConnectionAction.PING).build()) && loggedIn) {
            this.pingSentAt = sentAt;
        }
    }

    private void onPong() {
        if (this.pingSentAt != null) {
            Duration roundTrip = Duration.between(this.pingSentAt, this.loop.now());
            this.statistics.heartbeatAnswered(roundTrip);
            notifyListeners(this.heartbeatListeners, (listener) -> listener.onHeartbeat(roundTrip));
            this.pingSentAt = null;
            this.heartbeatMisses = 0;
        }
    }

    // ---- losing the connection ----------------------------------------------------------------------------------

    /**
     * The one failure path: abandons the socket (if {@code id} is still the current one) and schedules the next
     * attempt, or gives up.
     */
    private void connectionLost(long id, ErrorKind kind, String problem) {
        if (id != this.socketId || getConnectionState().isTerminal()) {
            return;
        }
        boolean wasOpen = isOpen();
        this.socketId++;
        abandonSocket();
        if (wasOpen) {
            forEachTopicHandler(TopicHandler::onConnectionLost);
        }
        if (kind != null) {
            reportError(kind, problem, Topic.CONNECTION);
        }
        if (this.pendingLogin != null && this.pendingLogin.automatic()) {
            // the next socket starts its own automatic login
            this.pendingLogin = null;
        }
        if (this.reconnectAttempt >= this.options.maxReconnectAttempts()) {
            String gaveUp = "gave up after " + this.reconnectAttempt + " reconnection attempts";
            reportError(ErrorKind.MAX_RECONNECTION_ATTEMPTS_REACHED, gaveUp, Topic.CONNECTION);
            terminate(ConnectionState.ERROR, gaveUp + " (" + problem + ")",
                    new DeepstreamException(ErrorKind.MAX_RECONNECTION_ATTEMPTS_REACHED, "Client " + gaveUp));
            return;
        }
        Duration delay = this.reconnectPolicy.delay(this.reconnectAttempt);
        this.reconnectAttempt++;
        this.statistics.reconnectAttempt();
        setState(ConnectionState.RECONNECTING, problem, this.reconnectAttempt, delay);
        this.reconnectTimer = this.loop.schedule(this::connect, delay);
    }

    /** Enters a terminal state: no socket, no timers, and every waiting operation failed. */
    private void terminate(ConnectionState state, String reason, RuntimeException failure) {
        boolean wasOpen = isOpen();
        this.socketId++;
        abandonSocket();
        if (wasOpen) {
            forEachTopicHandler(TopicHandler::onConnectionLost);
        }
        cancel(this.reconnectTimer);
        cancel(this.expiryTimer);
        this.expiryTimer = null;
        setState(state, reason);
        PendingLogin login = takePendingLogin();
        if (login != null) {
            failLater(login.result(), failure);
        }
        for (OfflineQueue.Entry entry : this.offlineQueue.drain()) {
            failLater(entry.done(), failure);
        }
        this.statistics.offlineQueueSize(0);
    }

    private void abandonSocket() {
        cancel(this.connectTimer);
        cancel(this.loginTimer);
        cancel(this.heartbeatTimer);
        if (this.session != null) {
            this.session.close();
            this.session = null;
        }
    }

    // ---- sending ------------------------------------------------------------------------------------------------

    private void sendOrQueue(Message message, CompletableFuture<Void> done, Runnable onWritten) {
        ConnectionState state = getConnectionState();
        if (state.isTerminal()) {
            failLater(done, new DeepstreamException(ErrorKind.IS_CLOSED, "Cannot send: the client is " + state));
            return;
        }
        if (state == ConnectionState.OPEN && this.offlineQueue.size() == 0 && sendNow(message)) {
            written(onWritten);
            completeLater(done, null);
            return;
        }
        if (!this.offlineQueue.offer(message, done, onWritten, this.loop.now())) {
            this.statistics.offlineQueueRejected();
            String problem = "offline queue is full (" + this.offlineQueue.maxSize() + " messages); "
                    + message.topic() + " message refused";
            reportError(ErrorKind.OFFLINE_QUEUE_FULL, problem, message.topic());
            failLater(done, new DeepstreamException(ErrorKind.OFFLINE_QUEUE_FULL, problem));
            return;
        }
        this.statistics.offlineQueueSize(this.offlineQueue.size());
        armExpiry();
    }

    /** Writes a message to the socket now; on failure takes the failure path and returns {@code false}. */
    private boolean sendOnSocket(Message message) {
        if (this.session == null) {
            return false;
        }
        try {
            this.session.send(this.codec.encode(message));
            this.statistics.sent(message.topic());
            return true;
        }
        catch (Exception ex) {
            connectionLost(this.socketId, ErrorKind.CONNECTION_ERROR, "sending failed: " + describe(ex));
            return false;
        }
    }

    private void written(Runnable onWritten) {
        if (onWritten != null) {
            onWritten.run();
        }
    }

    private void flushOfflineQueue() {
        OfflineQueue.Entry entry;
        while (getConnectionState() == ConnectionState.OPEN && (entry = this.offlineQueue.poll()) != null) {
            if (entry.isExpired(this.loop.now())) {
                expire(entry);
            }
            else if (sendNow(entry.message())) {
                written(entry.onWritten());
                completeLater(entry.done(), null);
            }
            else {
                this.offlineQueue.pushFront(entry);
            }
        }
        this.statistics.offlineQueueSize(this.offlineQueue.size());
    }

    private void armExpiry() {
        Instant deadline = this.offlineQueue.nextDeadline();
        if (this.expiryTimer == null && deadline != null) {
            Duration wait = Duration.between(this.loop.now(), deadline);
            this.expiryTimer = this.loop.schedule(this::expireOfflineQueue, wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    private void expireOfflineQueue() {
        this.expiryTimer = null;
        this.offlineQueue.removeExpired(this.loop.now()).forEach(this::expire);
        this.statistics.offlineQueueSize(this.offlineQueue.size());
        armExpiry();
    }

    private void expire(OfflineQueue.Entry entry) {
        this.statistics.offlineQueueRejected();
        String problem = entry.message().topic() + " message waited longer than " + this.offlineQueue.maxAge()
                + " for a connection";
        reportError(ErrorKind.OFFLINE_QUEUE_EXPIRED, problem, entry.message().topic());
        failLater(entry.done(), new DeepstreamException(ErrorKind.OFFLINE_QUEUE_EXPIRED, problem));
    }

    private void forEachTopicHandler(Consumer<TopicHandler> call) {
        for (TopicHandler handler : this.topicHandlerOrder) {
            try {
                call.accept(handler);
            }
            catch (RuntimeException ex) {
                logger.error("deepstream topic handler {} failed", handler, ex);
            }
        }
    }

    // ---- state and notifications --------------------------------------------------------------------------------

    private void setState(ConnectionState state, String reason) {
        setState(state, reason, 0, null);
    }

    private void setState(ConnectionState state, String reason, int attempt, Duration delay) {
        ConnectionState previous = getConnectionState();
        if (previous == state) {
            return;
        }
        ConnectionStateChange change = new ConnectionStateChange(previous, state, reason, this.loop.now(), attempt,
                delay);
        this.lastChange = change;
        if (state == ConnectionState.RECONNECTING) {
            logger.info("deepstream connection to {} lost ({}); attempt {} in {}", this.url, reason, attempt,
                    delay);
        }
        else if (state == ConnectionState.OPEN || state.isTerminal()) {
            logger.info("deepstream connection to {} is {} ({})", this.url, state, reason);
        }
        else {
            logger.debug("deepstream connection to {}: {} -> {} ({})", this.url, previous, state, reason);
        }
        notifyListeners(this.stateListeners, (listener) -> listener.onStateChanged(change));
    }

    private void notifyError(ErrorKind kind, String message, Topic topic, String name) {
        DeepstreamError error = new DeepstreamError(kind, message, topic, name, this.loop.now());
        boolean repeatedConnectionFailure = kind == ErrorKind.CONNECTION_ERROR && this.reconnectAttempt > 1;
        if (repeatedConnectionFailure) {
            logger.debug("deepstream {} on {}: {}", kind, topic, error.message());
        }
        else {
            logger.warn("deepstream {} on {}: {}", kind, topic, error.message());
        }
        notifyListeners(this.errorListeners, (listener) -> listener.onError(error));
    }

    private void notifyLogin(LoginResult result) {
        notifyListeners(this.loginListeners, (listener) -> listener.onLogin(result));
    }

    private <T> void notifyListeners(List<T> listeners, Consumer<T> call) {
        if (listeners.isEmpty()) {
            return;
        }
        runCallback(() -> {
            for (T listener : listeners) {
                try {
                    call.accept(listener);
                }
                catch (RuntimeException ex) {
                    logger.error("deepstream listener {} failed", listener, ex);
                }
            }
        });
    }

    private <T> void completeLater(CompletableFuture<T> future, T value) {
        runCallback(() -> future.complete(value));
    }

    private void failLater(CompletableFuture<?> future, Throwable failure) {
        runCallback(() -> future.completeExceptionally(failure));
    }

    private void runCallback(Runnable callback) {
        try {
            this.callbacks.execute(callback);
        }
        catch (RejectedExecutionException ex) {
            // the callback executor is gone only after close(); settle futures anyway so nobody waits forever
            callback.run();
        }
    }

    private boolean runOnLoop(Runnable task) {
        try {
            this.loop.execute(task);
            return true;
        }
        catch (RejectedExecutionException ex) {
            return false;
        }
    }

    private static void cancel(EventLoop.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private DeepstreamException closedException() {
        return new DeepstreamException(ErrorKind.IS_CLOSED, "The client is closed");
    }

    private String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = this.url.redact(cause.getMessage());
        return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
    }

    private static String sdkVersion() {
        String version = DeepstreamConnection.class.getPackage().getImplementationVersion();
        return (version != null) ? version : "dev";
    }

    private record PendingLogin(Supplier<? extends Map<String, ?>> params, CompletableFuture<LoginResult> result,
            boolean automatic) {
    }

    private final class SocketListener implements TransportListener {

        private final long id;

        SocketListener(long id) {
            this.id = id;
        }

        @Override
        public void onOpen(TransportSession opened) {
            if (!runOnLoop(() -> onSocketOpened(this.id, opened))) {
                opened.close();
            }
        }

        @Override
        public void onFrame(Frame frame) {
            runOnLoop(() -> DeepstreamConnection.this.onFrame(this.id, frame));
        }

        @Override
        public void onClosed(int code, String reason) {
            runOnLoop(() -> connectionLost(this.id, ErrorKind.CONNECTION_ERROR,
                    "connection closed (code " + code + ((reason.isEmpty()) ? "" : ", " + reason) + ")"));
        }

        @Override
        public void onError(Throwable error) {
            runOnLoop(() -> connectionLost(this.id, ErrorKind.CONNECTION_ERROR,
                    "connection failed: " + describe(error)));
        }

    }

}
