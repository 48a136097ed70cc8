package io.github.deepstreamspringboot.client.internal.listen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.internal.connection.SerialExecutor;
import io.github.deepstreamspringboot.client.internal.protocol.Action;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.listen.ListenHandler;

/**
 * The listens of one topic (events or records): sends LISTEN/UNLISTEN with the pattern in {@code name}, restores them
 * after each login, and answers matches with the handler's accept or reject. Public methods may be called from any
 * thread; the {@code on*} methods and {@link #restore()} run on the event loop.
 */
public final class ActiveListens {

    private final FeatureContext context;

    private final DeepstreamConnection connection;

    private final Topic topic;

    private final Actions actions;

    /** Listens by pattern; event loop only. */
    private final Map<String, Listen> listens = new LinkedHashMap<>();

    /**
     * Creates the listens of a topic.
     * @param context the feature context
     * @param topic the topic
     * @param actions the topic's listen actions
     */
    public ActiveListens(FeatureContext context, Topic topic, Actions actions) {
        this.context = context;
        this.connection = context.connection();
        this.topic = topic;
        this.actions = actions;
    }

    /**
     * Listens to a pattern.
     * @param pattern a regular expression, as the server evaluates it
     * @param handler told about matching names
     * @return a handle that stops listening
     */
    public Subscription listen(String pattern, ListenHandler handler) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("'pattern' must not be empty");
        }
        Objects.requireNonNull(handler, "'handler' must not be null");
        Listen listen = new Listen(pattern, handler,
                this.context.newHandlerExecutor("listener of pattern '" + pattern + "'"));
        this.connection.execute(() -> {
            if (this.listens.putIfAbsent(pattern, listen) != null) {
                this.connection.reportError(ErrorKind.MULTIPLE_SUBSCRIPTIONS,
                        "already listening to pattern '" + pattern + "'", this.topic, pattern);
                return;
            }
            if (this.connection.isOpen()) {
                this.connection.sendNow(Message.builder(this.actions.listen()).name(pattern).build());
            }
        });
        return () -> this.connection.execute(() -> remove(pattern, listen));
    }

    /**
     * Stops listening to a pattern.
     * @param pattern the pattern
     */
    public void unlisten(String pattern) {
        this.connection.execute(() -> remove(pattern, this.listens.get(pattern)));
    }

    private void remove(String pattern, Listen listen) {
        if (listen != null && this.listens.remove(pattern, listen) && this.connection.isOpen()) {
            this.connection.sendNow(Message.builder(this.actions.unlisten()).name(pattern).build());
        }
    }

    /** Stops every listen, for a drain: the server offers the names to other listeners. */
    public void withdrawAll() {
        for (Map.Entry<String, Listen> listen : List.copyOf(this.listens.entrySet())) {
            remove(listen.getKey(), listen.getValue());
        }
    }

        /** Sends every listen again, after a login. */
    public void restore() {
        for (String pattern : this.listens.keySet()) {
            this.connection.sendNow(Message.builder(this.actions.listen()).name(pattern).build());
        }
    }

    /**
     * A name matching a pattern got subscribers: asks the handler and answers the server.
     * @param message the server's message ({@code name} = pattern, {@code subscription} = name)
     */
    public void onFound(Message message) {
        Listen listen = this.listens.get(message.name());
        String name = message.subscription();
        if (listen == null || name == null) {
            return;
        }
        listen.executor().execute(() -> {
            boolean accepted;
            try {
                accepted = listen.handler().onSubscriptionFound(name);
            }
            catch (RuntimeException ex) {
                this.connection.execute(() -> this.connection.reportError(ErrorKind.HANDLER_ERROR, "listener of '"
                        + listen.pattern() + "' failed for '" + name + "': " + ex, this.topic, listen.pattern()));
                accepted = false;
            }
            Action answer = accepted ? this.actions.accept() : this.actions.reject();
            this.connection.execute(() -> {
                if (this.listens.get(listen.pattern()) == listen && this.connection.isOpen()) {
                    this.connection.sendNow(Message.builder(answer).name(listen.pattern()).subscription(name).build());
                }
            });
        });
    }

    /**
     * An accepted name lost its subscribers.
     * @param message the server's message
     */
    public void onRemoved(Message message) {
        Listen listen = this.listens.get(message.name());
        String name = message.subscription();
        if (listen != null && name != null) {
            listen.executor().execute(() -> listen.handler().onSubscriptionRemoved(name));
        }
    }

    /**
     * The server refused a pattern (invalid regex or permissions): forget it.
     * @param pattern the pattern
     */
    public void forget(String pattern) {
        this.listens.remove(pattern);
    }

    /**
     * The listen actions of a topic.
     * @param listen listen
     * @param unlisten unlisten
     * @param accept accept a match
     * @param reject reject a match
     */
    public record Actions(Action listen, Action unlisten, Action accept, Action reject) {
    }

    private record Listen(String pattern, ListenHandler handler, SerialExecutor executor) {
    }

}
