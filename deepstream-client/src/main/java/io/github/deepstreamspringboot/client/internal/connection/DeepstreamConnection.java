package io.github.deepstreamspringboot.client.internal.connection;

import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.protocol.Message;

/**
 * The connection as the features (events, RPC, presence, records) see it: their port to the engine under the
 * {@link DefaultDeepstreamClient}. They send through it (bounded by the {@link Backlog}, queued while offline), run
 * tasks on the event loop, report errors and complete their futures on the callback thread.
 *
 * <p><b>Thread model.</b> The methods under "any thread" may be called from any thread; the others only on the event
 * loop, where topic handlers run. Futures and callbacks complete on the callback thread, never on the loop or an I/O
 * thread.
 */
public final class DeepstreamConnection {

    private final DeepstreamOptions options;

    private final EventLoop loop;

    private final ConnectionNotifier notifier;

    private final ConnectionEngine engine;

    private final Backlog backlog;

    DeepstreamConnection(DeepstreamOptions options, EventLoop loop, ConnectionEngine engine,
            ConnectionNotifier notifier, Backlog backlog) {
        this.options = options;
        this.loop = loop;
        this.engine = engine;
        this.notifier = notifier;
        this.backlog = backlog;
    }

    // ---- any thread ---------------------------------------------------------------------------------------------

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
     * Like {@link #send(Message)}, and runs {@code onWritten} on the event loop when the message goes to a socket (it
     * is handed to the socket's writer, before any answer to it can be handled), so that a topic handler knows which
     * of its requests the server may see. Such a request is never sent twice: if the socket is lost before it is
     * written, it fails with {@code CONNECTION_ERROR}, as it would had it been written.
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
     * Routes the messages of a feature topic to a handler. Register handlers before the client connects; after each
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
