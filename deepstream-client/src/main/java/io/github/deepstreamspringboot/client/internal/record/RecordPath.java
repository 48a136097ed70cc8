package io.github.deepstreamspringboot.client.internal.record;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deepstream record path: keys separated by dots, array indexes in brackets ({@code a.b}, {@code tags[1]},
 * {@code a.list[0].x}). Reads and writes never change the node they are given: writes return a changed copy, and
 * missing intermediate nodes are created as the server creates them ({@code []} before an index, else {@code {}}).
 * Immutable and thread-safe.
 */
final class RecordPath {

    private final String text;

    private final List<Object> tokens;

    private RecordPath(String text, List<Object> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /**
     * Parses a path.
     * @param text the path
     * @return the path
     * @throws IllegalArgumentException if the path is empty or malformed
     */
    static RecordPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("'path' must not be empty");
        }
        List<Object> tokens = new ArrayList<>();
        for (String part : text.split("\\.", -1)) {
            int bracket = part.indexOf('[');
            String key = (bracket >= 0) ? part.substring(0, bracket) : part;
            if (!key.isEmpty()) {
                tokens.add(key);
            }
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                if (close < 0) {
                    throw new IllegalArgumentException("'path' has an unclosed '[': " + text);
                }
                try {
                    tokens.add(Integer.parseInt(part.substring(bracket + 1, close).strip()));
                }
                catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("'path' has a non-numeric index: " + text, ex);
                }
                bracket = part.indexOf('[', close);
            }
            if (key.isEmpty() && part.indexOf('[') != 0) {
                throw new IllegalArgumentException("'path' has an empty key: " + text);
            }
        }
        return new RecordPath(text, List.copyOf(tokens));
    }

    /**
     * Reads the value at this path.
     * @param root the record's data
     * @return the value, or {@code null} if the path leads nowhere
     */
    JsonNode get(JsonNode root) {
        JsonNode node = root;
        for (Object token : this.tokens) {
            if (node == null) {
                return null;
            }
            node = (token instanceof Integer index) ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) token) : null);
        }
        return node;
    }

    /**
     * Returns a copy of the data with the value set at this path.
     * @param root the record's data
     * @param value the value
     * @return the changed copy
     */
    JsonNode set(JsonNode root, JsonNode value) {
        JsonNode copy = (root != null && root.isContainer()) ? root.deepCopy() : emptyFor(this.tokens.get(0));
        JsonNode parent = copy;
        for (int i = 0; i < this.tokens.size() - 1; i++) {
            Object token = this.tokens.get(i);
            JsonNode child = childOf(parent, token);
            if (child == null || !child.isContainer()) {
                child = emptyFor(this.tokens.get(i + 1));
                put(parent, token, child);
            }
            parent = child;
        }
        put(parent, this.tokens.get(this.tokens.size() - 1), value);
        return copy;
    }

    /**
     * Returns a copy of the data without the value at this path (an array element becomes {@code null}).
     * @param root the record's data
     * @return the changed copy
     */
    JsonNode erase(JsonNode root) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < this.tokens.size() - 1 && parent != null; i++) {
            parent = childOf(parent, this.tokens.get(i));
        }
        Object last = this.tokens.get(this.tokens.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String key) {
            object.remove(key);
        }
        else if (parent instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
            array.set(index, NullNode.getInstance());
        }
        return copy;
    }

    @Override
    public String toString() {
        return this.text;
    }

    private static JsonNode childOf(JsonNode parent, Object token) {
        if (token instanceof Integer index) {
            return parent.isArray() ? parent.get(index) : null;
        }
        return parent.isObject() ? parent.get((String) token) : null;
    }

    private static void put(JsonNode parent, Object token, JsonNode value) {
        if (parent instanceof ArrayNode array && token instanceof Integer index) {
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, value);
        }
        else if (parent instanceof ObjectNode object) {
            object.set(token.toString(), value);
        }
    }

    private static JsonNode emptyFor(Object nextToken) {
        return (nextToken instanceof Integer) ? JsonNodeFactory.instance.arrayNode()
                : JsonNodeFactory.instance.objectNode();
    }

}
