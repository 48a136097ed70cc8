package io.github.deepstreamspringboot.client.internal.connection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.protocol.Message;

/**
 * The handlers of the feature topics (event, rpc, record, presence): which one gets a topic's messages, and the
 * order in which they hear about logins and losses (the order they were registered in, so that RPC providers, added
 * last, are restored last). A handler that throws is logged and the others still run.
 *
 * <p><b>Thread model.</b> Handlers are registered from any thread before the connection starts (concurrent
 * collections); they are called on the event loop only.
 */
final class TopicHandlers {

    private static final Logger logger = LoggerFactory.getLogger(TopicHandlers.class);

    private final Map<Topic, TopicHandler> byTopic = new ConcurrentHashMap<>();

    private final List<TopicHandler> inOrder = new CopyOnWriteArrayList<>();

    void set(Topic topic, TopicHandler handler) {
        TopicHandler previous = this.byTopic.put(topic, handler);
        if (previous != null) {
            this.inOrder.remove(previous);
        }
        this.inOrder.add(handler);
    }

    /**
     * Hands a message to its topic's handler.
     * @return {@code false} if no handler takes the topic
     */
    boolean dispatch(Message message) {
        TopicHandler handler = this.byTopic.get(message.topic());
        if (handler == null) {
            return false;
        }
        try {
            handler.onMessage(message);
        }
        catch (RuntimeException ex) {
            logger.error("Handling {} failed", message, ex);
        }
        return true;
    }

    void forEach(Consumer<TopicHandler> call) {
        for (TopicHandler handler : this.inOrder) {
            try {
                call.accept(handler);
            }
            catch (RuntimeException ex) {
                logger.error("deepstream topic handler {} failed", handler, ex);
            }
        }
    }

}
