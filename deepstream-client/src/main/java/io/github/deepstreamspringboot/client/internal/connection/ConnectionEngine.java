package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.ConnectionStateChange;
import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.protocol.ConnectionAction;
import io.github.deepstreamspringboot.client.internal.protocol.Frame;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.MessageParseException;

/**
 * The engine under {@link DeepstreamConnection}: the connection state machine that opens the socket, challenges,
 * reconnects with back-off and routes incoming messages. Its parts live apart: {@link LoginFlow} (logins and automatic
 * re-logins), {@link Heartbeats}, {@link Outbox} (sends and the offline queue) and {@link ConnectionNotifier}
 * (listeners and the callback executor).
 *
 * <p><b>Thread model.</b> Every method and every mutable field, here and in the parts, is confined to the
 * {@link EventLoop}, except {@link #getLastStateChange()} (a volatile read) and the topic handler registry
 * (concurrent collections). WebSocket I/O threads do nothing but enqueue: each transport callback becomes a loop task
 * tagged with its socket's id, so callbacks from an abandoned socket are ignored.
 */
final class ConnectionEngine implements LoginFlow.Host, Heartbeats.Host, Outbox.Host {

    private static final Logger logger = LoggerFactory.getLogger(ConnectionEngine.class);

    /** The WebSocket close code for a message over the size limit. */
    private static final int MESSAGE_TOO_BIG = 1009;

    private final ServerUrl url;

    private final DeepstreamOptions options;

    private final Transport transport;

    private final EventLoop loop;

    private final ReconnectPolicy reconnectPolicy;

    private final StatisticsRecorder statistics = new StatisticsRecorder();

    private final ConnectionNotifier notifier;

    private final LoginFlow login;

    private final Heartbeats heartbeats;

    private final Outbox outbox;

    private final TopicHandlers topicHandlers = new TopicHandlers();

    /** Written on the loop only; volatile so that any thread can read it. */
    private volatile ConnectionStateChange lastChange;

    /** The current socket: attempt id, codec, writer. */
    private final CurrentSocket socket;

    /** Where the current attempt goes: the configured URL, or where the server redirected this attempt. */
    private final AttemptTarget target;

    /** Reconnection attempts since the connection was last stable (OPEN for a heartbeat interval), or since start. */
    private int reconnectAttempt;

    /** Whether some login has succeeded, so that the next one re-establishes a lost connection. */
    private boolean everLoggedIn;

    /** Whether this streak of failures has logged its endpoint hint at WARN already. */
    private boolean hintLogged;

    /** Whether the application closed the client; no attempt starts after that. */
    private boolean closed;

    private EventLoop.Cancellable connectTimer;

    private EventLoop.Cancellable reconnectTimer;

    /** Resets the back-off once a connection has stayed {@code OPEN} for a heartbeat interval. */
    private EventLoop.Cancellable stableTimer;

    ConnectionEngine(List<ServerUrl> nodes, DeepstreamOptions options, Transport transport, EventLoop loop,
            ConnectionNotifier notifier, Backlog backlog, DoubleSupplier random) {
        this.url = nodes.get(0);
        this.socket = new CurrentSocket(this.url, transport, loop, backlog, this.statistics);
        this.options = options;
        this.transport = transport;
        this.loop = loop;
        this.target = new AttemptTarget(nodes, options.protocol());
        this.notifier = notifier;
        this.reconnectPolicy = new ReconnectPolicy(options.reconnectIntervalIncrement(),
                options.maxReconnectInterval(), options.reconnectJitter(), random);
        this.login = new LoginFlow(this, loop, options.requestTimeout(), notifier);
        this.heartbeats = new Heartbeats(this, loop, options.heartbeatInterval(), this.statistics, notifier, this.url);
        this.outbox = new Outbox(this, loop, new OfflineQueue(options.offlineQueueMaxAge()),
                options.offlineQueueMaxSize(), this.statistics, notifier);
        this.lastChange = new ConnectionStateChange(ConnectionState.CLOSED, ConnectionState.CLOSED, "created",
                loop.now(), 0, null);
    }

    ConnectionStateChange getLastStateChange() {
        return this.lastChange;
    }

    ConnectionState getConnectionState() {
        return this.lastChange.current();
    }

    @Override
    public ConnectionState state() {
        return getConnectionState();
    }

    @Override
    public long socketId() {
        return this.socket.id();
    }

    @Override
    public boolean isCurrent(long socketId) {
        return this.socket.isCurrent(socketId);
    }

    StatisticsRecorder statistics() {
        return this.statistics;
    }

    LoginFlow login() {
        return this.login;
    }

    Outbox outbox() {
        return this.outbox;
    }

    @Override
    public boolean isOpen() {
        return getConnectionState() == ConnectionState.OPEN;
    }

    /** @return the node of the current attempt, or of the last one; any thread may ask */
    ServerUrl currentServer() {
        return this.target.current();
    }

    TopicHandlers topicHandlers() {
        return this.topicHandlers;
    }

    void setTopicHandler(Topic topic, TopicHandler handler) {
        this.topicHandlers.set(topic, handler);
    }

    /**
     * The application closed the client: ends everything for good.
     * @return completes, on a transport thread, when the socket's closing handshake is over (unbounded: the caller
     * bounds it)
     */
    CompletableFuture<Void> close(RuntimeException failure) {
        this.closed = true;
        terminate(ConnectionState.CLOSED, "closed by the application", failure);
        return this.socket.lastClosed();
    }

    /** Hands one of the client's own messages to the socket's writer; never waits for the network. */
    @Override
    public boolean sendNow(Message message) {
        return this.socket.send(message);
    }

    @Override
    public boolean write(OfflineQueue.Entry entry) {
        return this.socket.write(entry, () -> this.outbox.written(entry));
    }

    /** A write failed: the socket is lost, and the outbox settles the application messages the writer held. */
    private void writeFailed(long id, SocketWriter.Pending failed, List<OfflineQueue.Entry> unwritten,
            Exception failure) {
        String problem = "sending failed: " + describe(failure);
        lost(id, ErrorKind.CONNECTION_ERROR, problem);
        this.outbox.writeFailed(failed.message(), unwritten, problem);
    }

    @Override
    public void reportError(ErrorKind kind, String message, Topic topic) {
        reportError(kind, message, topic, null);
    }

    void reportError(ErrorKind kind, String message, Topic topic, String name) {
        boolean repeatedConnectionFailure = kind == ErrorKind.CONNECTION_ERROR && this.reconnectAttempt > 1;
        DeepstreamError error = new DeepstreamError(kind, message, topic, name, this.loop.now());
        this.notifier.error(error, !repeatedConnectionFailure);
    }

    // ---- connecting -------------------------------------------------------------------------------------------------

    void connect() {
        if (this.closed) {
            return;
        }
        ServerUrl to = this.target.current();
        long id = this.socket.nextAttempt(to);
        String reason = this.target.redirected() ? "redirected to " + to
                : (this.reconnectAttempt == 0) ? "connecting to " + to
                : "reconnection attempt " + this.reconnectAttempt + " to " + to;
        setState(ConnectionState.AWAITING_CONNECTION, reason);
        this.connectTimer = this.loop.schedule(() -> onConnectTimeout(id), this.options.connectTimeout());
        CompletableFuture<TransportSession> opening;
        try {
            opening = this.transport.connect(to.uri(), new SocketEvents(this, id));
        }
        catch (RuntimeException ex) {
            opening = CompletableFuture.failedFuture(ex);
        }
        opening.whenComplete((session, ex) -> {
            if (ex != null) {
                runOnLoop(() -> connectFailed(id, ex));
            }
        });
    }

    private void connectFailed(long id, Throwable failure) {
        String problem = "cannot connect to " + this.target.current() + ": " + describe(failure);
        connectionLost(id, ErrorKind.CONNECTION_ERROR, problem,
                (failure instanceof NoHttpAnswerException || failure.getCause() instanceof NoHttpAnswerException)
                        ? EndpointHints.noHttpAnswer(this.target.current()) : null);
    }

    void onSocketOpened(long id, TransportSession opened) {
        if (id != this.socket.id() || this.getConnectionState().isTerminal()) {
            this.socket.closeOffLoop(opened);
            return;
        }
        this.socket.opened(opened, (failed, unwritten, failure) -> writeFailed(id, failed, unwritten, failure));
        this.heartbeats.start(id);
        setState(ConnectionState.CHALLENGING,
                "connected, challenging with the " + this.socket.codec().name() + " protocol");
        sendNow(Challenge.message());
    }

    private void onConnectTimeout(long id) {
        ConnectionState state = getConnectionState();
        if (id == this.socket.id()
                && (state == ConnectionState.AWAITING_CONNECTION || state == ConnectionState.CHALLENGING)) {
            lost(id, ErrorKind.CONNECTION_ERROR, "no deepstream handshake with " + this.target.current()
                    + " within " + this.options.connectTimeout());
        }
    }

    /** The socket closed or failed; during a silent handshake that says the endpoint speaks another protocol. */
    void socketEnded(long id, String problem) {
        boolean silentHandshake = id == this.socket.id() && getConnectionState() == ConnectionState.CHALLENGING
                && !this.socket.heardFrom();
        connectionLost(id, ErrorKind.CONNECTION_ERROR, problem,
                silentHandshake ? EndpointHints.closedDuringHandshake(this.target.current()) : null);
    }

    /** The socket closed; 1009 is the WebSocket library refusing a frame over the size limit. */
    void socketClosed(long id, int code, String reason) {
        String problem = "connection closed (code " + code + (reason.isEmpty() ? "" : ", " + reason) + ")";
        if (code == MESSAGE_TOO_BIG) {
            lost(id, ErrorKind.MESSAGE_TOO_LARGE, problem + ": the server sent a frame larger than maxMessageSize ("
                    + this.options.maxMessageSize() + " bytes); raise deepstream.max-message-size if such messages "
                    + "are expected");
        }
        else {
            socketEnded(id, problem);
        }
    }

    @Override
    public void loggedIn(boolean automatic) {
        // the back-off starts over only once the connection proved stable: a server that drops every client right
        // after its login would otherwise see each of them back at once, again and again
        long id = this.socket.id();
        this.stableTimer = this.loop.schedule(() -> {
            if (id == this.socket.id() && isOpen()) {
                this.reconnectAttempt = 0;
            }
        }, this.options.heartbeatInterval());
        this.hintLogged = false;
        this.target.settled();
        this.heartbeats.reset();
        if (this.everLoggedIn) {
            this.statistics.reconnected();
        }
        this.everLoggedIn = true;
        setState(ConnectionState.OPEN, automatic ? "logged in again after reconnection" : "logged in");
        // control traffic first: the server forgot the old socket's subscriptions, restore them before queued sends
        this.topicHandlers.forEach(TopicHandler::onLoggedIn);
        this.outbox.flush();
        if (automatic) {
            this.notifier.resubscribed();
        }
    }

    // ---- incoming messages ------------------------------------------------------------------------------------------

    void onFrame(long id, Frame frame) {
        if (!this.socket.isCurrent(id)) {
            return;
        }
        this.socket.heard();
        this.heartbeats.heard();
        Message message;
        try {
            message = this.socket.codec().decode(frame);
        }
        catch (MessageParseException ex) {
            reportError(ErrorKind.MESSAGE_PARSE_ERROR, "undecodable " + this.socket.codec().name()
                    + " frame from the server (" + frame.size() + " bytes): " + ex.getMessage(), Topic.UNKNOWN);
            return;
        }
        this.statistics.received(message.topic());
        switch (message.topic()) {
            case CONNECTION -> onConnectionMessage(id, message);
            case AUTH -> this.login.onMessage(message);
            case PARSER -> reportError(ErrorKind.INVALID_MESSAGE, "the server could not handle a message"
                    + ((message.originalTopic() != null) ? " on topic " + message.originalTopic() : ""),
                    Topic.PARSER);
            default -> dispatchToFeature(message);
        }
    }

    private void onConnectionMessage(long id, Message message) {
        if (ConnectionAction.PONG.matches(message)) {
            this.heartbeats.onPong();
        }
        else if (ConnectionAction.ACCEPT.matches(message)
                && getConnectionState() == ConnectionState.CHALLENGING) {
            cancel(this.connectTimer);
            setState(ConnectionState.AWAITING_AUTHENTICATION, "connection accepted by the server");
            this.login.onConnectionAccepted();
        }
        else if (ConnectionAction.REDIRECT.matches(message)
                && getConnectionState() == ConnectionState.CHALLENGING) {
            redirect(id, message.attributes().get("url"));
        }
        else if (ConnectionAction.AUTHENTICATION_TIMEOUT.matches(message)) {
            lost(id, ErrorKind.AUTHENTICATION_TIMEOUT,
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

    /** Follows a redirect at once, for this attempt only; a loss sends the next attempt to the configured URL. */
    private void redirect(long id, String location) {
        ServerUrl from = this.target.current();
        ServerUrl to;
        try {
            to = this.target.redirect(location);
        }
        catch (IllegalArgumentException ex) {
            lost(id, ErrorKind.CONNECTION_ERROR, ex.getMessage());
            return;
        }
        abandonSocket();
        logger.info("deepstream server {} redirected the client to {}", from, to);
        connect();
    }

    private void dispatchToFeature(Message message) {
        if (!this.topicHandlers.dispatch(message)) {
            reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message, message.topic());
        }
    }

    // ---- losing the connection ----------------------------------------------------------------------------------

    @Override
    public void lost(long id, ErrorKind kind, String problem) {
        connectionLost(id, kind, problem, null);
    }

    /**
     * The one failure path: abandons the socket (if {@code id} is still the current one) and schedules the next
     * attempt, or gives up. A hint says what to change; it goes into the error every time, and to the log at WARN
     * once per streak of failures (until the next login), at DEBUG after that.
     */
    private void connectionLost(long id, ErrorKind kind, String problem, String hint) {
        if (id != this.socket.id() || getConnectionState().isTerminal()) {
            return;
        }
        boolean wasOpen = isOpen();
        abandonSocket();
        this.target.reset();
        if (wasOpen) {
            this.topicHandlers.forEach(TopicHandler::onConnectionLost);
        }
        String reported = (hint != null) ? problem + "; " + hint : problem;
        if (hint != null) {
            DeepstreamError error = new DeepstreamError(kind, reported, Topic.CONNECTION, null, this.loop.now());
            this.notifier.error(error, !this.hintLogged);
            this.hintLogged = true;
        }
        else if (kind != null) {
            reportError(kind, reported, Topic.CONNECTION);
        }
        this.login.onConnectionLost();
        if (this.reconnectAttempt >= this.options.maxReconnectAttempts()) {
            String gaveUp = "gave up after " + this.reconnectAttempt + " reconnection attempts";
            reportError(ErrorKind.MAX_RECONNECTION_ATTEMPTS_REACHED, gaveUp, Topic.CONNECTION);
            terminate(ConnectionState.ERROR, gaveUp + " (" + reported + ")",
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
    @Override
    public void terminate(ConnectionState state, String reason, RuntimeException failure) {
        boolean wasOpen = isOpen();
        abandonSocket();
        if (wasOpen) {
            this.topicHandlers.forEach(TopicHandler::onConnectionLost);
        }
        cancel(this.reconnectTimer);
        setState(state, reason);
        this.login.failPending(failure);
        this.outbox.failAll(failure);
    }

    /** Gives the socket up: its callbacks become stale, and what its writer had not written is queued again. */
    private void abandonSocket() {
        this.socket.invalidate();
        cancel(this.connectTimer);
        cancel(this.stableTimer);
        this.heartbeats.stop();
        this.outbox.handBack(this.socket.abandon(), "the connection was lost before it was written");
    }

    // ---- state ------------------------------------------------------------------------------------------------------

    @Override
    public void setState(ConnectionState state, String reason) {
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
        this.notifier.stateChanged(change, this.target.current());
    }

    boolean runOnLoop(Runnable task) {
        try {
            this.loop.execute(task);
            return true;
        }
        catch (RejectedExecutionException ex) {
            // the loop is gone: the client closed, nothing is left to tell
            return false;
        }
    }

    private static void cancel(EventLoop.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    String describe(Throwable failure) {
        return this.url.describe(failure);
    }

}
