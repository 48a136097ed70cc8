package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.ClientDataListener;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.ConnectionStateChange;
import io.github.deepstreamspringboot.client.ConnectionStateListener;
import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.ErrorListener;
import io.github.deepstreamspringboot.client.HeartbeatListener;
import io.github.deepstreamspringboot.client.LoginListener;
import io.github.deepstreamspringboot.client.LoginResult;
import io.github.deepstreamspringboot.client.Subscription;

/**
 * The connection's listeners, and the callback executor that runs them and completes the connection's futures.
 *
 * <p>Log lines of errors and reconnection attempts that repeat are summarised ({@link LogThrottle}); the listeners
 * hear every one.
 *
 * <p><b>Thread model.</b> Listeners may be added and removed from any thread (copy-on-write lists). Notifications are
 * handed to the callback executor (one thread, in order), never run on the caller, so the event loop never waits for
 * user code; a listener that throws is logged and the others still run. Once the executor is shut down (after the
 * client closed), callbacks run on the caller so that no future is left pending. {@link #error} and
 * {@link #stateChanged} are called on the event loop only (the log throttle is confined to it).
 */
final class ConnectionNotifier {

    private static final Logger logger = LoggerFactory.getLogger(ConnectionNotifier.class);

    private final Executor callbacks;

    private final List<ConnectionStateListener> stateListeners = new CopyOnWriteArrayList<>();

    private final List<ErrorListener> errorListeners = new CopyOnWriteArrayList<>();

    private final List<LoginListener> loginListeners = new CopyOnWriteArrayList<>();

    private final List<HeartbeatListener> heartbeatListeners = new CopyOnWriteArrayList<>();

    private final List<ClientDataListener> clientDataListeners = new CopyOnWriteArrayList<>();

    private final List<Runnable> resubscribeListeners = new CopyOnWriteArrayList<>();

    private final LogThrottle throttle;

    ConnectionNotifier(Executor callbacks, LogThrottle throttle) {
        this.callbacks = Objects.requireNonNull(callbacks, "'callbacks' must not be null");
        this.throttle = throttle;
    }

    Subscription addStateListener(ConnectionStateListener listener) {
        return register(this.stateListeners, listener);
    }

    Subscription addErrorListener(ErrorListener listener) {
        return register(this.errorListeners, listener);
    }

    Subscription addLoginListener(LoginListener listener) {
        return register(this.loginListeners, listener);
    }

    Subscription addClientDataListener(ClientDataListener listener) {
        return register(this.clientDataListeners, listener);
    }

    Subscription addHeartbeatListener(HeartbeatListener listener) {
        return register(this.heartbeatListeners, listener);
    }

    Subscription addResubscribeListener(Runnable listener) {
        return register(this.resubscribeListeners, listener);
    }

    /**
     * Logs a state change (INFO for losses, OPEN and the end; DEBUG for the steps between) and tells the listeners.
     * @param server the masked URL to name in the log
     */
    void stateChanged(ConnectionStateChange change, Object server) {
        ConnectionState state = change.current();
        String summary = (state == ConnectionState.RECONNECTING) ? this.throttle.admit("reconnecting") : "";
        if (state == ConnectionState.RECONNECTING && summary != null) {
            logger.info("deepstream connection to {} lost ({}); attempt {} in {}{}", server, change.reason(),
                    change.reconnectAttempt(), change.reconnectDelay(), summary);
        }
        else if (state == ConnectionState.RECONNECTING) {
            logger.debug("deepstream connection to {} lost ({}); attempt {} in {}", server, change.reason(),
                    change.reconnectAttempt(), change.reconnectDelay());
        }
        else if (state == ConnectionState.OPEN || state.isTerminal()) {
            logger.info("deepstream connection to {} is {} ({})", server, state, change.reason());
        }
        else {
            logger.debug("deepstream connection to {}: {} -> {} ({})", server, change.previous(), state,
                    change.reason());
        }
        notify(this.stateListeners, (listener) -> listener.onStateChanged(change));
    }

    /**
     * Logs an error and tells the listeners.
     * @param warn WARN, or DEBUG for an error the log has already shown in this streak; repeats of a kind within
     * {@link LogThrottle#INTERVAL} go to DEBUG too, and the next WARN of the kind says how many there were
     */
    void error(DeepstreamError error, boolean warn) {
        String summary = warn ? this.throttle.admit(error.kind().name()) : null;
        if (summary != null) {
            logger.warn("deepstream {} on {}: {}{}", error.kind(), error.topic(), error.message(), summary);
        }
        else {
            logger.debug("deepstream {} on {}: {}", error.kind(), error.topic(), error.message());
        }
        notify(this.errorListeners, (listener) -> listener.onError(error));
    }

    void login(LoginResult result) {
        notify(this.loginListeners, (listener) -> listener.onLogin(result));
    }

    void clientDataChanged(JsonNode clientData) {
        notify(this.clientDataListeners, (listener) -> listener.onClientDataChanged(clientData));
    }

    void heartbeat(Duration roundTrip) {
        notify(this.heartbeatListeners, (listener) -> listener.onHeartbeat(roundTrip));
    }

    void resubscribed() {
        notify(this.resubscribeListeners, Runnable::run);
    }

    <T> void complete(CompletableFuture<T> future, T value) {
        run(() -> future.complete(value));
    }

    void fail(CompletableFuture<?> future, Throwable failure) {
        run(() -> future.completeExceptionally(failure));
    }

    void run(Runnable callback) {
        try {
            this.callbacks.execute(callback);
        }
        catch (RejectedExecutionException ex) {
            // the callback executor is gone only after close(); settle futures anyway so nobody waits forever
            callback.run();
        }
    }

    private <T> void notify(List<T> listeners, Consumer<T> call) {
        if (listeners.isEmpty()) {
            return;
        }
        run(() -> {
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

    private static <T> Subscription register(List<T> listeners, T listener) {
        Objects.requireNonNull(listener, "'listener' must not be null");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

}
