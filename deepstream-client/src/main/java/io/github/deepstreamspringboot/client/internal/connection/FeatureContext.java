package io.github.deepstreamspringboot.client.internal.connection;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.internal.observation.DeepstreamObservations;

/**
 * What a feature (events, RPC, presence, records) needs from its client: the connection, payload conversion, the
 * shared pool that runs user handlers (each through its own {@link SerialExecutor}) and unique ids.
 *
 * @param connection the connection
 * @param payloads converts payloads with the client's JSON mapper
 * @param handlerPool runs user handlers, never the event loop or a WebSocket thread
 * @param uids makes ids unique across clients (correlation ids)
 * @param observations observes calls and emits
 */
public record FeatureContext(DeepstreamConnection connection, Payloads payloads, Executor handlerPool,
        Supplier<String> uids, DeepstreamObservations observations) {

    /** A context that observes nothing. */
    public FeatureContext(DeepstreamConnection connection, Payloads payloads, Executor handlerPool,
            Supplier<String> uids) {
        this(connection, payloads, handlerPool, uids, DeepstreamObservations.none());
    }

    /** @return a new serial executor on the handler pool, for one handler */
    public SerialExecutor newHandlerExecutor() {
        return new SerialExecutor(this.handlerPool);
    }

}
