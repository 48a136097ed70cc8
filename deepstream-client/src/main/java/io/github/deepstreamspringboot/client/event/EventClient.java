package io.github.deepstreamspringboot.client.event;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.listen.ListenHandler;
import org.jspecify.annotations.Nullable;

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
public interface EventClient {

    /**
     * Subscribes a handler to an event name.
     * @param name the event name
     * @param handler gets each event's data as JSON ({@code null} for an event without data)
     * @return the subscription; close it to unsubscribe
     */
    EventSubscription subscribe(String name, Consumer<@Nullable JsonNode> handler);

    /**
     * Subscribes a handler to an event name, converting each event's data with the client's JSON mapper. Data that
     * does not convert is reported to the error listeners ({@link ErrorKind#PAYLOAD_CONVERSION_ERROR}) and skipped.
     * @param <T> the data type
     * @param name the event name
     * @param type the data type (a record, POJO, {@code Map}, {@code String}, {@link JsonNode}, ...)
     * @param handler gets each event's converted data
     * @return the subscription; close it to unsubscribe
     */
    <T> EventSubscription subscribe(String name, Class<T> type, Consumer<T> handler);

    /**
     * Emits an event without data.
     * @param name the event name
     * @return completes when the event was handed to the socket or queued while offline
     */
    CompletableFuture<Void> emit(String name);

    /**
     * Emits an event with data, converted to JSON with the client's mapper.
     * @param name the event name
     * @param data the data ({@code null} sends JSON null)
     * @return completes when the event was handed to the socket; fails with a {@link DeepstreamException} if the
     * data does not convert or the offline queue refuses it
     */
    CompletableFuture<Void> emit(String name, @Nullable Object data);

    /**
     * Listens for subscriptions to names matching a pattern, to provide them actively.
     * @param pattern a regular expression, as the server evaluates it
     * @param handler told about matching names
     * @return a handle that stops listening
     */
    Subscription listen(String pattern, ListenHandler handler);

    /**
     * Stops listening to a pattern, like closing the handle {@link #listen} returned.
     * @param pattern the pattern
     */
    void unlisten(String pattern);

}
