package io.github.deepstreamspringboot.client.internal.connection;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.Payload;

/**
 * What a message weighs in the {@link Backlog}: an estimate of the heap it holds while it waits, taken on the caller's
 * thread. A waiting message holds more than its encoded bytes: the message and its payload tree, its future, the
 * loop task or queue entry around it. So each message counts a fixed {@value #PER_MESSAGE} bytes, each payload node
 * {@value #PER_NODE} (a payload held as JSON text: its bytes), and each character one byte (Java's compact strings). Measured with
 * {@code OfflineFloodTests}: within a small factor of what the heap really holds, which is what a memory bound
 * needs.
 *
 * <p><b>Thread model.</b> Stateless.
 */
final class MessageSize {

    /** The message, its future and callbacks, and the task or queue entry that holds it. */
    static final int PER_MESSAGE = 400;

    /** One node of the payload tree, or one name or attribute. */
    private static final int PER_NODE = 48;

    private MessageSize() {
    }

    static long estimate(Message message) {
        long size = PER_MESSAGE + length(message.name()) + length(message.correlationId()) + length(message.path());
        if (message.names() != null) {
            for (String name : message.names()) {
                size += PER_NODE + name.length();
            }
        }
        for (Map.Entry<String, String> attribute : message.attributes().entrySet()) {
            size += PER_NODE + attribute.getKey().length() + length(attribute.getValue());
        }
        Payload payload = message.rawPayload();
        if (payload == null) {
            return size;
        }
        // JSON text is one array, about as heavy as its bytes; a tree is counted node by node
        return size + (payload.hasJson() ? PER_NODE + payload.jsonLength() : estimate(payload.tree()));
    }

    private static long estimate(JsonNode node) {
        if (node.isString()) {
            return PER_NODE + node.stringValue().length();
        }
        if (node.isContainer()) {
            long size = PER_NODE;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                size += PER_NODE + field.getKey().length() + estimate(field.getValue());
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    size += estimate(element);
                }
            }
            return size;
        }
        return PER_NODE;
    }

    private static int length(String value) {
        return (value != null) ? value.length() : 0;
    }

}
