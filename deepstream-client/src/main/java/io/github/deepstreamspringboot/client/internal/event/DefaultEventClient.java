package io.github.deepstreamspringboot.client.internal.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.PayloadConversionException;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.event.EventClient;
import io.github.deepstreamspringboot.client.event.EventSubscription;
import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.internal.connection.EventLoop;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.internal.connection.SerialExecutor;
import io.github.deepstreamspringboot.client.internal.connection.TopicHandler;
import io.github.deepstreamspringboot.client.internal.listen.ActiveListens;
import io.github.deepstreamspringboot.client.internal.protocol.EventAction;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.Payload;
import io.github.deepstreamspringboot.client.listen.ListenHandler;

/**
 * deepstream events: {@link #subscribe subscribe} to names, {@link #emit emit} to them, and {@link #listen listen}
 * for subscriptions to provide events actively.
 *
 * <p>All handlers of a name share one server subscription. Subscriptions and listens are remembered and restored in
 * one bulk message after every reconnection, before queued emits are sent. Emits while not logged in wait in the
 * client's offline queue. An emit also reaches this client's own handlers of the name, once, as soon as it is sent
 * or queued (the server never echoes an event to its sender); a refused emit reaches nobody.
 *
 * <p><b>Threads.</b> Public methods may be called from any thread. Subscription state lives on the connection's event
 * loop. Each handler runs on its own serial executor over the client's handler pool: it sees its events in order,
 * and a handler that blocks holds up only itself.
 */
public final class DefaultEventClient implements EventClient, TopicHandler {

    private final DeepstreamConnection connection;

    private final Payloads payloads;

    private final FeatureContext context;

    // ---- confined to the event loop --------------------------------------------------------------------------------

    /** Handlers by event name; a name is subscribed on the server while it has handlers. */
    private final Map<String, NameState> names = new LinkedHashMap<>();

    /** Subscribe requests waiting for their acknowledgement, by correlation id. */
    private final Map<String, PendingAck> pendingAcks = new HashMap<>();

    /** Unsubscribe requests waiting for their acknowledgement, by correlation id. */
    private final Map<String, CompletableFuture<Void>> pendingUnsubscribes = new HashMap<>();

    private final ActiveListens listens;

    /**
     * Creates the event client of a connection and registers it for the {@link Topic#EVENT} topic.
     * @param context the client's feature context
     */
    public DefaultEventClient(FeatureContext context) {
        this.context = context;
        this.connection = context.connection();
        this.payloads = context.payloads();
        this.listens = new ActiveListens(context, Topic.EVENT, new ActiveListens.Actions(EventAction.LISTEN,
                EventAction.UNLISTEN, EventAction.LISTEN_ACCEPT, EventAction.LISTEN_REJECT));
        this.connection.setTopicHandler(Topic.EVENT, this);
    }

    @Override
    public EventSubscription subscribe(String name, Consumer<JsonNode> handler) {
        return subscribe(name, JsonNode.class, handler);
    }

    @Override
    public <T> EventSubscription subscribe(String name, Class<T> type, Consumer<T> handler) {
        requireName(name);
        Objects.requireNonNull(type, "'type' must not be null");
        Objects.requireNonNull(handler, "'handler' must not be null");
        SerialExecutor executor = this.context.newHandlerExecutor("handler of event '" + name + "'");
        Handler entry = new Handler(name, executor, (data) -> {
            T value;
            try {
                value = this.payloads.fromPayload(data, type);
            }
            catch (PayloadConversionException ex) {
                report(ErrorKind.PAYLOAD_CONVERSION_ERROR, "event '" + name + "': " + ex.getMessage(), name);
                return;
            }
            handler.accept(value);
        });
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        if (!this.connection.execute(() -> add(entry, subscribed))) {
            subscribed.completeExceptionally(closed());
        }
        return new HandlerSubscription(entry, subscribed);
    }

    @Override
    public CompletableFuture<Void> emit(String name) {
        requireName(name);
        return send(Message.builder(EventAction.EMIT).name(name).build());
    }

    @Override
    public CompletableFuture<Void> emit(String name, Object data) {
        requireName(name);
        Payload payload;
        try {
            // serialized here, on the caller's thread: the loop only queues ready bytes
            payload = this.payloads.toPayload(data);
        }
        catch (PayloadConversionException ex) {
            report(ErrorKind.PAYLOAD_CONVERSION_ERROR, "event '" + name + "': " + ex.getMessage(), name);
            return CompletableFuture.failedFuture(ex);
        }
        return send(Message.builder(EventAction.EMIT).name(name).payload(payload).build());
    }

    /**
     * Sends an emit and, once the connection accepts it (sent or queued), delivers it to this client's own handlers
     * of the name: the server never echoes an event to its sender, and deepstream's clients deliver locally too.
     */
    private CompletableFuture<Void> send(Message emit) {
        CompletableFuture<Void> sent = this.connection.send(emit, null, () -> deliver(emit));
        // a refusal (full backlog, closed client) fails the future before send returns
        this.context.observations().emitted(emit.name(), !sent.isCompletedExceptionally());
        return sent;
    }

    @Override
    public Subscription listen(String pattern, ListenHandler handler) {
        return this.listens.listen(pattern, handler);
    }

    @Override
    public void unlisten(String pattern) {
        this.listens.unlisten(pattern);
    }

    // ---- event loop ------------------------------------------------------------------------------------------------

    private void add(Handler handler, CompletableFuture<Void> subscribed) {
        NameState state = this.names.get(handler.name());
        if (state != null) {
            state.handlers().add(handler);
            state.acknowledged().whenComplete((ignored, failure) -> settle(subscribed, failure));
            return;
        }
        state = new NameState(new ArrayList<>(List.of(handler)), new CompletableFuture<>());
        state.acknowledged().whenComplete((ignored, failure) -> settle(subscribed, failure));
        this.names.put(handler.name(), state);
        if (this.connection.isOpen()) {
            sendSubscribe(List.of(handler.name()));
        }
    }

    private void remove(Handler handler, CompletableFuture<Void> unsubscribed) {
        NameState state = this.names.get(handler.name());
        if (state == null || !state.handlers().remove(handler) || !state.handlers().isEmpty()
                || !this.connection.isOpen()) {
            if (state != null && state.handlers().isEmpty()) {
                this.names.remove(handler.name());
            }
            this.connection.callback(() -> unsubscribed.complete(null));
            return;
        }
        this.names.remove(handler.name());
        String correlationId = this.context.uids().get();
        this.pendingUnsubscribes.put(correlationId, unsubscribed);
        this.connection.sendNow(Message.builder(EventAction.UNSUBSCRIBE)
            .names(List.of(handler.name()))
            .correlationId(correlationId)
            .build());
    }

    private void sendSubscribe(List<String> subscribe) {
        String correlationId = this.context.uids().get();
        EventLoop.Cancellable timeout = this.connection.loop()
            .schedule(() -> onAckTimeout(correlationId), this.connection.options().requestTimeout());
        this.pendingAcks.put(correlationId, new PendingAck(List.copyOf(subscribe), timeout));
        // deepstream needs the names array even for one name: a single "name" crashes the server
        this.connection.sendNow(Message.builder(EventAction.SUBSCRIBE).names(subscribe).correlationId(correlationId)
            .build());
    }

    @Override
    public void onLoggedIn() {
        if (!this.names.isEmpty()) {
            sendSubscribe(new ArrayList<>(this.names.keySet()));
        }
        this.listens.restore();
    }

    @Override
    public void onConnectionLost() {
        // unanswered subscribes are sent again, in bulk, after the next login
        this.pendingAcks.values().forEach((pending) -> pending.timeout().cancel());
        this.pendingAcks.clear();
        // the new socket starts without the subscription, which is what an unsubscribe wanted
        this.pendingUnsubscribes.values().forEach((future) -> this.connection.callback(() -> future.complete(null)));
        this.pendingUnsubscribes.clear();
    }

    @Override
    public void onDrain() {
        if (!this.names.isEmpty() && this.connection.isOpen()) {
            // the ack's correlation id is nobody's: the client closes after the drain and waits for none
            this.connection.sendNow(Message.builder(EventAction.UNSUBSCRIBE).names(new ArrayList<>(this.names.keySet()))
                .correlationId(this.context.uids().get()).build());
        }
        this.names.clear();
        this.listens.withdrawAll();
    }

    @Override
    public void onMessage(Message message) {
        EventAction action = EventAction.of(message.action());
        if (action == null) {
            this.connection.reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message, Topic.EVENT,
                    message.name());
            return;
        }
        switch (action) {
            case EMIT -> deliver(message);
            case SUBSCRIBE -> acknowledge(message.correlationId());
            case UNSUBSCRIBE -> {
                CompletableFuture<Void> unsubscribed = this.pendingUnsubscribes.remove(message.correlationId());
                if (unsubscribed != null) {
                    this.connection.callback(() -> unsubscribed.complete(null));
                }
            }
            case LISTEN, UNLISTEN -> {
                // acknowledgements of requests that need nothing further
            }
            case SUBSCRIPTION_FOR_PATTERN_FOUND -> this.listens.onFound(message);
            case SUBSCRIPTION_FOR_PATTERN_REMOVED -> this.listens.onRemoved(message);
            case MESSAGE_DENIED, MESSAGE_PERMISSION_ERROR -> onDenied(message, action);
            case INVALID_LISTEN_REGEX -> {
                this.listens.forget(message.name());
                this.connection.reportError(ErrorKind.INVALID_LISTEN_REGEX,
                        "the server refused the listen pattern '" + message.name() + "'", Topic.EVENT, message.name());
            }
            case LISTEN_RESPONSE_TIMEOUT -> this.connection.reportError(ErrorKind.LISTEN_RESPONSE_TIMEOUT,
                    "no listen answer in time for '" + message.subscription() + "'", Topic.EVENT,
                    message.subscription());
            case MULTIPLE_SUBSCRIPTIONS -> this.connection.reportError(ErrorKind.MULTIPLE_SUBSCRIPTIONS,
                    "the server already had '" + message.name() + "' for this connection", Topic.EVENT,
                    message.name());
            case NOT_SUBSCRIBED -> this.connection.reportError(ErrorKind.NOT_SUBSCRIBED,
                    "the server had no subscription '" + message.name() + "'", Topic.EVENT, message.name());
            default -> this.connection.reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message,
                    Topic.EVENT, message.name());
        }
    }

    private void deliver(Message message) {
        NameState state = this.names.get(message.name());
        if (state == null) {
            // unsubscribed while the event was on its way
            return;
        }
        // each handler reads the payload into its own type on its own thread; a tree is made once, if one asks
        Payload data = message.rawPayload();
        for (Handler handler : state.handlers()) {
            this.context.deliver(handler.executor(),
                    () -> this.context.observations().deliver(message.name(), () -> handler.run(data, this)),
                    Topic.EVENT, message.name());
        }
    }

    private void acknowledge(String correlationId) {
        PendingAck pending = this.pendingAcks.remove(correlationId);
        if (pending == null) {
            return;
        }
        pending.timeout().cancel();
        for (String name : pending.names()) {
            NameState state = this.names.get(name);
            if (state != null && !state.acknowledged().isDone()) {
                CompletableFuture<Void> acknowledged = state.acknowledged();
                this.connection.callback(() -> acknowledged.complete(null));
            }
        }
    }

    private void onAckTimeout(String correlationId) {
        PendingAck pending = this.pendingAcks.remove(correlationId);
        if (pending == null) {
            return;
        }
        String problem = "no acknowledgement of the subscription to " + pending.names() + " within "
                + this.connection.options().requestTimeout();
        this.connection.reportError(ErrorKind.ACK_TIMEOUT, problem, Topic.EVENT);
        failNames(pending.names(), new DeepstreamException(ErrorKind.ACK_TIMEOUT, problem), false);
    }

    private void onDenied(Message message, EventAction action) {
        ErrorKind kind = (action == EventAction.MESSAGE_DENIED) ? ErrorKind.MESSAGE_DENIED
                : ErrorKind.MESSAGE_PERMISSION_ERROR;
        Integer original = message.originalAction();
        String operation = (original != null && EventAction.of(original) != null)
                ? EventAction.of(original).name().toLowerCase() : "operation";
        String problem = "the server refused " + operation + " of event '" + message.name() + "' (" + kind + ")";
        this.connection.reportError(kind, problem, Topic.EVENT, message.name());
        if (original != null && original == EventAction.SUBSCRIBE.code()) {
            // the subscription does not exist on the server: drop it here too, and fail who waits for it
            failNames(List.of(message.name()), new DeepstreamException(kind, problem), true);
        }
        else if (original != null && original == EventAction.LISTEN.code()) {
            this.listens.forget(message.name());
        }
    }

    private void failNames(List<String> failed, DeepstreamException failure, boolean forget) {
        for (String name : failed) {
            NameState state = forget ? this.names.remove(name) : this.names.get(name);
            if (state != null) {
                this.connection.callback(() -> state.acknowledged().completeExceptionally(failure));
            }
        }
    }

    private void report(ErrorKind kind, String problem, String name) {
        this.connection.execute(() -> this.connection.reportError(kind, problem, Topic.EVENT, name));
    }

    private void settle(CompletableFuture<Void> future, Throwable failure) {
        if (failure != null) {
            future.completeExceptionally(failure);
        }
        else {
            future.complete(null);
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("'name' must not be empty");
        }
    }

    private static DeepstreamException closed() {
        return new DeepstreamException(ErrorKind.IS_CLOSED, "The client is closed");
    }

    private record NameState(List<Handler> handlers, CompletableFuture<Void> acknowledged) {
    }

    private record PendingAck(List<String> names, EventLoop.Cancellable timeout) {
    }

    /** One subscribed handler; identity matters, so it is a class, not a record. */
    private static final class Handler {

        private final String name;

        private final SerialExecutor executor;

        private final Consumer<Payload> delivery;

        Handler(String name, SerialExecutor executor, Consumer<Payload> delivery) {
            this.name = name;
            this.executor = executor;
            this.delivery = delivery;
        }

        String name() {
            return this.name;
        }

        SerialExecutor executor() {
            return this.executor;
        }

        /** @return whether the handler took the event without failing */
        boolean run(Payload data, DefaultEventClient events) {
            try {
                this.delivery.accept(data);
                return true;
            }
            catch (PayloadConversionException ex) {
                events.report(ErrorKind.PAYLOAD_CONVERSION_ERROR, "event '" + this.name + "': " + ex.getMessage(),
                        this.name);
            }
            catch (RuntimeException ex) {
                events.report(ErrorKind.HANDLER_ERROR, "handler of event '" + this.name + "' failed: " + ex,
                        this.name);
            }
            return false;
        }

    }

    private final class HandlerSubscription implements EventSubscription {

        private final Handler handler;

        private final CompletableFuture<Void> subscribed;

        HandlerSubscription(Handler handler, CompletableFuture<Void> subscribed) {
            this.handler = handler;
            this.subscribed = subscribed;
        }

        @Override
        public String name() {
            return this.handler.name();
        }

        @Override
        public CompletableFuture<Void> whenSubscribed() {
            return this.subscribed;
        }

        @Override
        public CompletableFuture<Void> unsubscribe() {
            CompletableFuture<Void> unsubscribed = new CompletableFuture<>();
            if (!DefaultEventClient.this.connection.execute(() -> remove(this.handler, unsubscribed))) {
                unsubscribed.complete(null);
            }
            return unsubscribed;
        }

        @Override
        public void close() {
            unsubscribe();
        }

    }

}
