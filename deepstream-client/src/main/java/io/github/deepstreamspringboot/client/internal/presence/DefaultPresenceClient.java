package io.github.deepstreamspringboot.client.internal.presence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.internal.connection.EventLoop;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.internal.connection.SerialExecutor;
import io.github.deepstreamspringboot.client.internal.connection.TopicHandler;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.PresenceAction;
import io.github.deepstreamspringboot.client.presence.PresenceClient;
import io.github.deepstreamspringboot.client.presence.PresenceListener;

/**
 * deepstream presence: {@link #getAll() who is online} and {@link #subscribe(PresenceListener) notifications} when
 * users come and go. A user is online while at least one of its connections is logged in; you never hear about
 * yourself in {@link #getAll()}.
 *
 * <p>Subscriptions are restored after every reconnection. Queries made while not logged in wait in the offline queue;
 * a query already sent when the connection is lost fails, and every query fails after the request timeout without an
 * answer. <b>Threads:</b> as for events; query futures complete on the callback thread.
 */
public final class DefaultPresenceClient implements PresenceClient, TopicHandler {

    private final FeatureContext context;

    private final DeepstreamConnection connection;

    // ---- confined to the event loop --------------------------------------------------------------------------------

    private final List<Watcher> everyone = new ArrayList<>();

    private final Map<String, List<Watcher>> users = new LinkedHashMap<>();

    /** QUERY_ALL answers carry no correlation id: they come back in the order the queries were written. */
    private final Deque<Query<List<String>>> queriesForAll = new ArrayDeque<>();

    private final Map<String, Query<Map<String, Boolean>>> queries = new HashMap<>();

    /**
     * Creates the presence client of a connection and registers it for the {@link Topic#PRESENCE} topic.
     * @param context the client's feature context
     */
    public DefaultPresenceClient(FeatureContext context) {
        this.context = context;
        this.connection = context.connection();
        this.connection.setTopicHandler(Topic.PRESENCE, this);
    }

    @Override
    public CompletableFuture<List<String>> getAll() {
        Query<List<String>> query = new Query<>(new CompletableFuture<>());
        Message message = Message.builder(PresenceAction.QUERY_ALL).build();
        send(message, query, () -> this.queriesForAll.addLast(query), () -> this.queriesForAll.remove(query));
        return query.result();
    }

    @Override
    public CompletableFuture<Map<String, Boolean>> getAll(Collection<String> userIds) {
        Objects.requireNonNull(userIds, "'userIds' must not be null");
        String correlationId = this.context.uids().get();
        Query<Map<String, Boolean>> query = new Query<>(new CompletableFuture<>());
        Message message = Message.builder(PresenceAction.QUERY).names(List.copyOf(userIds))
            .correlationId(correlationId).build();
        send(message, query, () -> this.queries.put(correlationId, query), () -> this.queries.remove(correlationId));
        return query.result();
    }

    @Override
    public Subscription subscribe(PresenceListener listener) {
        Watcher watcher = new Watcher(listener, this.context.newHandlerExecutor("presence listener of everyone"));
        this.connection.execute(() -> {
            this.everyone.add(watcher);
            if (this.everyone.size() == 1 && this.connection.isOpen()) {
                this.connection.sendNow(Message.builder(PresenceAction.SUBSCRIBE_ALL).build());
            }
        });
        return () -> this.connection.execute(() -> {
            if (this.everyone.remove(watcher) && this.everyone.isEmpty() && this.connection.isOpen()) {
                this.connection.sendNow(Message.builder(PresenceAction.UNSUBSCRIBE_ALL).build());
            }
        });
    }

    @Override
    public Subscription subscribe(String userId, PresenceListener listener) {
        Objects.requireNonNull(userId, "'userId' must not be null");
        Watcher watcher = new Watcher(listener,
                this.context.newHandlerExecutor("presence listener of '" + userId + "'"));
        this.connection.execute(() -> {
            List<Watcher> watchers = this.users.computeIfAbsent(userId, (key) -> new ArrayList<>());
            watchers.add(watcher);
            if (watchers.size() == 1 && this.connection.isOpen()) {
                sendUsers(PresenceAction.SUBSCRIBE, List.of(userId));
            }
        });
        return () -> this.connection.execute(() -> {
            List<Watcher> watchers = this.users.get(userId);
            if (watchers != null && watchers.remove(watcher) && watchers.isEmpty()) {
                this.users.remove(userId);
                if (this.connection.isOpen()) {
                    sendUsers(PresenceAction.UNSUBSCRIBE, List.of(userId));
                }
            }
        });
    }

    // ---- event loop ------------------------------------------------------------------------------------------------

    private <T> void send(Message message, Query<T> query, Runnable register, Runnable unregister) {
        this.connection.send(message, () -> {
            register.run();
            query.setTimeout(this.connection.loop().schedule(() -> {
                unregister.run();
                String problem = "no answer to the presence query within "
                        + this.connection.options().requestTimeout();
                this.connection.reportError(ErrorKind.ACK_TIMEOUT, problem, Topic.PRESENCE);
                query.fail(this.connection, new DeepstreamException(ErrorKind.ACK_TIMEOUT, problem));
            }, this.connection.options().requestTimeout()));
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                query.result().completeExceptionally(failure);
            }
        });
    }

    private void sendUsers(PresenceAction action, List<String> userIds) {
        this.connection.sendNow(Message.builder(action).names(userIds).correlationId(this.context.uids().get())
            .build());
    }

    @Override
    public void onMessage(Message message) {
        PresenceAction action = PresenceAction.of(message.action());
        if (action == null) {
            this.connection.reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message, Topic.PRESENCE);
            return;
        }
        switch (action) {
            case QUERY_ALL_RESPONSE -> {
                Query<List<String>> query = this.queriesForAll.pollFirst();
                if (query != null) {
                    query.complete(this.connection, (message.names() != null) ? message.names() : List.of());
                }
            }
            case QUERY_RESPONSE -> {
                Query<Map<String, Boolean>> query = this.queries.remove(message.correlationId());
                if (query != null) {
                    query.complete(this.connection, onlineFlags(message.payload()));
                }
            }
            case PRESENCE_JOIN_ALL, PRESENCE_LEAVE_ALL -> notify(this.everyone, message.name(),
                    action == PresenceAction.PRESENCE_JOIN_ALL);
            case PRESENCE_JOIN, PRESENCE_LEAVE -> notify(this.users.getOrDefault(message.name(), List.of()),
                    message.name(), action == PresenceAction.PRESENCE_JOIN);
            case SUBSCRIBE, UNSUBSCRIBE, SUBSCRIBE_ALL, UNSUBSCRIBE_ALL -> {
                // acknowledgements
            }
            case MESSAGE_DENIED, MESSAGE_PERMISSION_ERROR -> onDenied(message, (action == PresenceAction.MESSAGE_DENIED)
                    ? ErrorKind.MESSAGE_DENIED : ErrorKind.MESSAGE_PERMISSION_ERROR);
            case MULTIPLE_SUBSCRIPTIONS -> this.connection.reportError(ErrorKind.MULTIPLE_SUBSCRIPTIONS,
                    "the server already had this presence subscription", Topic.PRESENCE, message.name());
            default -> this.connection.reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message,
                    Topic.PRESENCE, message.name());
        }
    }

    /**
     * A refused query fails at once. A refused subscription is dropped here too, as the server holds none: it is not
     * restored after a reconnection.
     */
    private void onDenied(Message message, ErrorKind kind) {
        Integer original = message.originalAction();
        PresenceAction operation = (original != null) ? PresenceAction.of(original) : null;
        String problem = "the server refused " + ((operation != null) ? operation.name().toLowerCase() : "a presence "
                + "operation") + ((message.name() != null) ? " of '" + message.name() + "'" : "") + " (" + kind + ")";
        this.connection.reportError(kind, problem, Topic.PRESENCE, message.name());
        DeepstreamException failure = new DeepstreamException(kind, problem);
        if (operation == PresenceAction.QUERY_ALL) {
            Query<List<String>> query = this.queriesForAll.pollFirst();
            if (query != null) {
                query.fail(this.connection, failure);
            }
        }
        else if (operation == PresenceAction.QUERY && message.correlationId() != null) {
            // one refusal per refused user, then one for the query: the first fails it
            Query<Map<String, Boolean>> query = this.queries.remove(message.correlationId());
            if (query != null) {
                query.fail(this.connection, failure);
            }
        }
        else if (operation == PresenceAction.SUBSCRIBE_ALL) {
            this.everyone.clear();
        }
        else if (operation == PresenceAction.SUBSCRIBE && message.name() != null) {
            this.users.remove(message.name());
        }
    }

    private void notify(List<Watcher> watchers, String user, boolean online) {
        for (Watcher watcher : watchers) {
            this.context.deliver(watcher.executor(), () -> {
                try {
                    watcher.listener().onPresenceChanged(user, online);
                }
                catch (RuntimeException ex) {
                    this.connection.execute(() -> this.connection.reportError(ErrorKind.HANDLER_ERROR,
                            "presence listener failed: " + ex, Topic.PRESENCE, user));
                }
            }, Topic.PRESENCE, user);
        }
    }

    private static Map<String, Boolean> onlineFlags(JsonNode payload) {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        if (payload != null && payload.isObject()) {
            payload.properties().forEach((entry) -> flags.put(entry.getKey(), entry.getValue().asBoolean()));
        }
        return flags;
    }

    @Override
    public void onLoggedIn() {
        if (!this.everyone.isEmpty()) {
            this.connection.sendNow(Message.builder(PresenceAction.SUBSCRIBE_ALL).build());
        }
        if (!this.users.isEmpty()) {
            sendUsers(PresenceAction.SUBSCRIBE, new ArrayList<>(this.users.keySet()));
        }
    }

    @Override
    public void onConnectionLost() {
        DeepstreamException lost = new DeepstreamException(ErrorKind.CONNECTION_ERROR,
                "The connection was lost before the presence query was answered");
        this.queriesForAll.forEach((query) -> query.fail(this.connection, lost));
        this.queriesForAll.clear();
        this.queries.values().forEach((query) -> query.fail(this.connection, lost));
        this.queries.clear();
    }

    private record Watcher(PresenceListener listener, SerialExecutor executor) {
    }

    /** A query waiting for its answer; the timeout is set once the query is written. Event loop only. */
    private static final class Query<T> {

        private final CompletableFuture<T> result;

        private EventLoop.Cancellable timeout;

        Query(CompletableFuture<T> result) {
            this.result = result;
        }

        CompletableFuture<T> result() {
            return this.result;
        }

        void setTimeout(EventLoop.Cancellable timeout) {
            this.timeout = timeout;
        }

        void complete(DeepstreamConnection connection, T value) {
            cancel();
            connection.callback(() -> this.result.complete(value));
        }

        void fail(DeepstreamConnection connection, Throwable failure) {
            cancel();
            connection.callback(() -> this.result.completeExceptionally(failure));
        }

        private void cancel() {
            if (this.timeout != null) {
                this.timeout.cancel();
            }
        }

    }

}
