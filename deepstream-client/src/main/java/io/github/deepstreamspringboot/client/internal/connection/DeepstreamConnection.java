package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.DrainResult;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.ErrorListener;
import io.github.deepstreamspringboot.client.HeartbeatListener;
import io.github.deepstreamspringboot.client.LoginListener;
import io.github.deepstreamspringboot.client.LoginResult;
import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.protocol.Message;

/**
 * A client's connection to deepstream: the facade that the client and its topic handlers use. The state machine
 * itself is the {@link ConnectionEngine} under it, which this class drives by handing every call to the event loop.
 *
 * <p><b>Thread model.</b> Public methods may be called from any thread, except those marked "event loop only" (for
 * topic handlers, which run there). {@link #getConnectionState()} reads a volatile copy. Listeners and the futures
 * this class returns are completed on the callback executor (one thread, in order), never on the loop or an I/O
 * thread; a listener that throws is logged and the others still run.
 */
public final class DeepstreamConnection {

    private static final Logger logger = LoggerFactory.getLogger(DeepstreamConnection.class);

    /** The longest {@link #close()} waits for the server's side of the closing handshake. */
    public static final Duration CLOSE_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);


    private final DeepstreamOptions options;

    private final EventLoop loop;

    private final ConnectionNotifier notifier;

    private final ConnectionEngine engine;

    private final Backlog backlog;

    private final AtomicBoolean started = new AtomicBoolean();

    private final AtomicBoolean closeRequested = new AtomicBoolean();

    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private final AtomicReference<CompletableFuture<DrainResult>> drain = new AtomicReference<>();

    /**
     * Creates a connection to one server; nothing happens until {@link #start()}.
     * @param url the server, with the protocol spoken there
     * @param options the options
     * @param transport opens sockets
     * @param loop runs everything this connection does
     * @param callbacks runs listeners and completes futures
     * @param random source of jitter, numbers in [0, 1)
     */
    public DeepstreamConnection(ServerUrl url, DeepstreamOptions options, Transport transport, EventLoop loop,
            Executor callbacks, DoubleSupplier random) {
        this(List.of(Objects.requireNonNull(url, "'url' must not be null")), options, transport, loop, callbacks,
                random);
    }

    /**
     * Creates a connection to the nodes of a cluster, tried in this order (see {@link #getServerUrl()}); nothing
     * happens until {@link #start()}.
     * @param urls the nodes, at least one, each with the protocol spoken there
     * @param options the options
     * @param transport opens sockets
     * @param loop runs everything this connection does
     * @param callbacks runs listeners and completes futures
     * @param random source of jitter, numbers in [0, 1)
     */
    public DeepstreamConnection(List<ServerUrl> urls, DeepstreamOptions options, Transport transport, EventLoop loop,
            Executor callbacks, DoubleSupplier random) {
        if (Objects.requireNonNull(urls, "'urls' must not be null").isEmpty()) {
            throw new IllegalArgumentException("'urls' must name at least one server");
        }
        this.options = Objects.requireNonNull(options, "'options' must not be null");
        this.loop = Objects.requireNonNull(loop, "'loop' must not be null");
        this.notifier = new ConnectionNotifier(callbacks, new LogThrottle(loop::now));
        Objects.requireNonNull(transport, "'transport' must not be null");
        this.backlog = new Backlog(options.backlogMaxSize(), options.backlogMaxWait());
        this.engine = new ConnectionEngine(urls, options, transport, loop, this.notifier, this.backlog, random);
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
            runOnLoop(this.engine::connect);
        }
    }

    /**
     * Logs in, as soon as the server has accepted the connection.
     * @param params the credentials, asked now and again for each automatic re-login
     * @return completes with the server's answer, on the callback executor
     */
    public CompletableFuture<LoginResult> login(Supplier<? extends Map<String, ?>> params) {
        CompletableFuture<LoginResult> result = new CompletableFuture<>();
        if (!runOnLoop(() -> this.engine.login().begin(params, result))) {
            result.completeExceptionally(closedException());
        }
        return result;
    }

    /**
     * Sends a message now if logged in, else queues it until the next login. The messages waiting for the socket,
     * online or offline, are bounded in bytes ({@link DeepstreamOptions#backlogMaxSize()}): beyond that, the caller
     * waits up to {@link DeepstreamOptions#backlogMaxWait()} for room (never on the client's own threads), then the
     * message is refused on the caller's thread. While offline, at most {@link DeepstreamOptions#offlineQueueMaxSize()}
     * messages wait.
     * @param message the message
     * @return completes when the message was handed to the socket; fails with a {@link DeepstreamException} of kind
     * {@link ErrorKind#OFFLINE_QUEUE_FULL}, {@link ErrorKind#OFFLINE_QUEUE_EXPIRED} or {@link ErrorKind#IS_CLOSED}
     */
    public CompletableFuture<Void> send(Message message) {
        return send(message, null);
    }

    /**
     * Like {@link #send(Message)}, and runs {@code onWritten} on the event loop when the message goes to a socket
     * (just before the socket's writer writes it, so before any answer to it can be handled), so that a topic handler
     * knows which of its requests the server may see.
     * @param message the message
     * @param onWritten run on the loop when the message goes to the socket, or {@code null}
     * @return completes when the message was handed to the socket (see {@link #send(Message)})
     */
    public CompletableFuture<Void> send(Message message, Runnable onWritten) {
        return send(message, onWritten, null);
    }

    /**
     * Like {@link #send(Message, Runnable)}, and runs {@code onAccepted} on the event loop as soon as the message is
     * accepted: handed to the socket's writer, or queued while offline; never when it is refused (a full queue, a
     * closed client).
     * @param message the message
     * @param onWritten run on the loop when the message goes to the socket, or {@code null}
     * @param onAccepted run on the loop once the message is accepted, or {@code null}
     * @return completes when the message was handed to the socket (see {@link #send(Message)})
     */
    public CompletableFuture<Void> send(Message message, Runnable onWritten, Runnable onAccepted) {
        long size = MessageSize.estimate(message);
        if (!this.backlog.acquire(size)) {
            return CompletableFuture.failedFuture(refuseFull(message.topic()));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.whenComplete((ignored, failure) -> this.backlog.release(size));
        if (!runOnLoop(() -> this.engine.outbox().send(message, done, onWritten, onAccepted))) {
            done.completeExceptionally(closedException());
        }
        return done;
    }

    /**
     * Checks that the backlog has room for a change that the event loop will send (a record write), waiting for room
     * as {@link #send} does: such a change is refused, like a message, rather than applied and queued beyond the
     * bound.
     * @param topic the change's topic
     * @return {@code null} if there is room, else the refusal, already reported to the error listeners
     */
    public DeepstreamException checkRoom(Topic topic) {
        if (this.backlog.acquire(1)) {
            this.backlog.release(1);
            return null;
        }
        return refuseFull(topic);
    }

    /**
     * A handler's message was dropped: it already had {@code handlerMaxPending} waiting. Counted; the first of a
     * streak goes to the error listeners. Event loop only.
     * @param topic the handler's topic
     * @param name the subscription's name
     * @param description whose handler it is, for the message
     * @param firstOfStreak whether this is the first message dropped since the handler last caught up
     */
    public void slowConsumer(Topic topic, String name, String description, boolean firstOfStreak) {
        this.engine.statistics().slowConsumerDropped();
        if (firstOfStreak) {
            this.engine.reportError(ErrorKind.SLOW_CONSUMER, description + " has " + this.options.handlerMaxPending()
                    + " messages waiting (handlerMaxPending); messages for it are dropped until it catches up", topic,
                    name);
        }
    }

    /**
     * Refuses a message on the caller's thread, holding nothing: the error goes to the listeners (and, summarised,
     * to the log); the caller fails its future with the exception returned.
     */
    private DeepstreamException refuseFull(Topic topic) {
        this.engine.statistics().offlineQueueRejected();
        String problem = "the outgoing backlog is full (" + this.backlog.messages() + " messages, about "
                + this.backlog.bytes() / 1024 + " KiB of its " + this.backlog.maxBytes() / 1024 + " KiB, waiting for "
                + "the socket" + (this.backlog.maxWait().isZero() ? "" : " after waiting " + this.backlog.maxWait())
                + "); " + topic + " message refused";
        this.notifier.error(new DeepstreamError(ErrorKind.OFFLINE_QUEUE_FULL, problem, topic, null,
                this.loop.now()), true);
        return new DeepstreamException(ErrorKind.OFFLINE_QUEUE_FULL, problem);
    }

    /**
     * Closes the connection for good: no reconnection; pending logins and queued messages fail with
     * {@link ErrorKind#IS_CLOSED}. The server removes the client's presence, subscriptions and providers when its
     * socket closes, so this starts the WebSocket closing handshake. Idempotent; returns without waiting.
     * @return completes when the closing handshake is over or {@link #CLOSE_HANDSHAKE_TIMEOUT} has passed, on a
     * transport or event-loop thread (callers hop off it); the same future on every call
     */
    public CompletableFuture<Void> close() {
        if (this.closeRequested.compareAndSet(false, true)) {
            boolean onLoop = runOnLoop(() -> {
                // whichever comes first; the timer is not cancelled, since completing twice does nothing
                this.loop.schedule(() -> this.closed.complete(null), CLOSE_HANDSHAKE_TIMEOUT);
                this.engine.close(closedException()).whenComplete((ignored, failure) -> this.closed.complete(null));
            });
            if (!onLoop) {
                this.closed.complete(null);
            }
        }
        return this.closed;
    }

    /**
     * Stops taking in work and waits until what was accepted is finished, at most {@code timeout}; does not close.
     * Later calls return the first call's future.
     * @param timeout the longest to wait
     * @return completes with what was left, on the event loop (callers hop off it)
     */
    public CompletableFuture<DrainResult> drain(Duration timeout) {
        Drain drain = new Drain(this.engine, this.backlog, this.loop);
        if (!this.drain.compareAndSet(null, drain.result())) {
            return this.drain.get();
        }
        drain.start(timeout);
        return drain.result();
    }

    /** @return whether {@link #drain(Duration)} was called */
    public boolean isDraining() {
        return this.drain.get() != null;
    }

    /** @return the current state */
    public ConnectionState getConnectionState() {
        return this.engine.getConnectionState();
    }

    /** @return the last state change (the current state, since when, and why) */
    public ConnectionStateChange getLastStateChange() {
        return this.engine.getLastStateChange();
    }

    /** @return the live counters */
    public ConnectionStatistics getStatistics() {
        return this.engine.statistics();
    }

    /**
     * @return the server of the current connection attempt or connection, or of the last one: with several nodes,
     * the one the client is on
     */
    public ServerUrl getServerUrl() {
        return this.engine.currentServer();
    }

    /**
     * Registers a state listener.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addConnectionStateListener(ConnectionStateListener listener) {
        return this.notifier.addStateListener(listener);
    }

    /**
     * Registers an error listener.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addErrorListener(ErrorListener listener) {
        return this.notifier.addErrorListener(listener);
    }

    /**
     * Registers a login listener.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addLoginListener(LoginListener listener) {
        return this.notifier.addLoginListener(listener);
    }

    /**
     * Registers a client data listener.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addClientDataListener(ClientDataListener listener) {
        return this.notifier.addClientDataListener(listener);
    }

    /**
     * Registers a heartbeat listener.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addHeartbeatListener(HeartbeatListener listener) {
        return this.notifier.addHeartbeatListener(listener);
    }

    /**
     * Registers a listener told (on the callback executor) each time the client has logged in again after a
     * reconnection and restored every subscription, before queued messages are sent.
     * @param listener the listener
     * @return a handle that removes it
     */
    public Subscription addResubscribeListener(Runnable listener) {
        return this.notifier.addResubscribeListener(listener);
    }

    /**
     * Routes the messages of a feature topic to a handler. Register handlers before {@link #start()}; after each
     * login they restore their subscriptions in registration order.
     * @param topic the topic
     * @param handler the handler, called on the event loop
     */
    public void setTopicHandler(Topic topic, TopicHandler handler) {
        this.engine.setTopicHandler(topic, handler);
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
        return this.engine.isOpen();
    }

    /**
     * Writes a message now, bypassing the offline queue (for subscriptions, acknowledgements and replies that only
     * make sense on this socket). Event loop only.
     * @param message the message
     * @return {@code false} if there is no open socket or writing failed (the failure path has then run)
     */
    public boolean sendNow(Message message) {
        return this.engine.sendNow(message);
    }

    /**
     * Reports an error to the error listeners. Event loop only.
     * @param kind the kind
     * @param message a description without credentials
     * @param topic the topic
     */
    public void reportError(ErrorKind kind, String message, Topic topic) {
        this.engine.reportError(kind, message, topic);
    }

    /**
     * Reports an error about a name (event, RPC, user, pattern) to the error listeners. Event loop only.
     * @param kind the kind
     * @param message a description without credentials
     * @param topic the topic
     * @param name the name
     */
    public void reportError(ErrorKind kind, String message, Topic topic, String name) {
        this.engine.reportError(kind, message, topic, name);
    }

    /**
     * Runs a callback on the callback executor (for futures and listeners of topic handlers).
     * @param callback the callback
     */
    public void callback(Runnable callback) {
        this.notifier.run(callback);
    }

    private boolean runOnLoop(Runnable task) {
        return this.engine.runOnLoop(task);
    }

    private static DeepstreamException closedException() {
        return new DeepstreamException(ErrorKind.IS_CLOSED, "The client is closed");
    }

}
