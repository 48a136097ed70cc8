package io.github.deepstreamspringboot.client.internal.connection;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.github.deepstreamspringboot.client.Topic;
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

    /**
     * @param description whose handler it is, for log lines ("handler of event 'prices'")
     * @return a new serial executor on the handler pool, for one handler, bounded by {@code handlerMaxPending}
     */
    public SerialExecutor newHandlerExecutor(String description) {
        return new SerialExecutor(this.handlerPool, this.connection.options().handlerMaxPending(), description);
    }

    /**
     * Offers a message to a handler. A refusal (the handler is a slow consumer) is counted and, once per streak,
     * reported as {@code SLOW_CONSUMER}. Event loop only.
     * @param handler the handler's executor
     * @param delivery delivers the message
     * @param topic the handler's topic
     * @param name the subscription's name
     * @return whether the message was queued
     */
    public boolean deliver(SerialExecutor handler, Runnable delivery, Topic topic, String name) {
        SerialExecutor.Offer offer = handler.offer(delivery);
        if (offer == SerialExecutor.Offer.QUEUED) {
            return true;
        }
        this.connection.slowConsumer(topic, name, handler.description(), offer == SerialExecutor.Offer.SLOW_CONSUMER);
        return false;
    }

}
