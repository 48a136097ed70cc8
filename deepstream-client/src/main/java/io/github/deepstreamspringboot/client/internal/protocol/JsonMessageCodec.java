package io.github.deepstreamspringboot.client.internal.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.deepstreamspringboot.client.Topic;

/**
 * The codec of deepstream's {@code ws-json} endpoint ({@code /deepstream-json}): one JSON object per text frame.
 *
 * <p>Outgoing payloads travel as JSON text in {@code data}. Incoming payloads are read from {@code parsedData} when
 * that key is present (even when its value is {@code null}), else parsed from {@code data}; a {@code data} that is not
 * JSON (a misbehaving sender) is kept as a string. Unknown keys are ignored, except string-valued ones, which are kept
 * as attributes. Stateless and thread-safe.
 */
public final class JsonMessageCodec implements MessageCodec {

    /** The server's default path of the JSON endpoint. */
    public static final String DEFAULT_PATH = "/deepstream-json";

    /** Asked on use: the shared default is built in the background while the first client connects. */
    private final Supplier<JsonMapper> mapper;

    /**
     * Creates a codec with the shared {@link DefaultJsonMapper}.
     */
    public JsonMessageCodec() {
        this.mapper = DefaultJsonMapper::get;
    }

    /**
     * Creates a codec.
     * @param mapper the mapper that reads and writes the frames' JSON
     */
    public JsonMessageCodec(JsonMapper mapper) {
        Objects.requireNonNull(mapper, "'mapper' must not be null");
        this.mapper = () -> mapper;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public Frame encode(Message message) {
        ObjectNode node = this.mapper.get().createObjectNode();
        node.put("topic", message.topic().code());
        node.put("action", message.action());
        putIfPresent(node, "name", message.name());
        if (message.names() != null) {
            ArrayNode names = node.putArray("names");
            message.names().forEach(names::add);
        }
        putIfPresent(node, "correlationId", message.correlationId());
        if (message.version() != null) {
            node.put("version", message.version());
        }
        putIfPresent(node, "path", message.path());
        if (message.writeAck() != null) {
            node.put("isWriteAck", message.writeAck());
        }
        if (message.isAck()) {
            node.put("isAck", true);
        }
        putIfPresent(node, "subscription", message.subscription());
        message.attributes().forEach(node::put);
        Payload payload = message.rawPayload();
        if (payload != null) {
            // deepstream wants the payload as JSON text: an object in "data" would be relayed unparsed
            node.put("data", payload.hasJson() ? payload.jsonText()
                    : this.mapper.get().writeValueAsString(payload.tree()));
        }
        return new Frame.Text(this.mapper.get().writeValueAsString(node));
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    @Override
    public Message decode(Frame frame) throws MessageParseException {
        if (!(frame instanceof Frame.Text text)) {
            throw new MessageParseException("Binary frame received on the JSON endpoint");
        }
        JsonNode root = readTree(text.text());
        if (root == null || !root.isObject()) {
            throw new MessageParseException("Frame is not a JSON object");
        }
        int topicCode = requiredInt(root, "topic");
        Topic topic = Topic.fromCode(topicCode);
        if (topic == null) {
            throw new MessageParseException("Unknown topic " + topicCode);
        }
        Message.Builder builder = Message.builder(topic, requiredInt(root, "action"));
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            readProperty(builder, property.getKey(), property.getValue());
        }
        if (root.has("parsedData")) {
            builder.payload(root.get("parsedData"));
        }
        else if (root.has("data")) {
            builder.payload(parseData(root.get("data")));
        }
        return builder.build();
    }

    private JsonNode readTree(String text) throws MessageParseException {
        try {
            return this.mapper.get().readTree(text);
        }
        catch (JacksonException ex) {
            throw new MessageParseException("Frame is not valid JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    private static int requiredInt(JsonNode root, String key) throws MessageParseException {
        JsonNode value = root.get(key);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new MessageParseException("Frame has no integer '" + key + "'");
        }
        return value.intValue();
    }

    private static void readProperty(Message.Builder builder, String key, JsonNode value)
            throws MessageParseException {
        switch (key) {
            case "topic", "action", "data", "parsedData" -> {
                // handled by the caller
            }
            case "isAck" -> builder.ack(value.asBoolean());
            case "name" -> builder.name(string(key, value));
            case "names" -> builder.names(strings(key, value));
            case "correlationId" -> builder.correlationId(string(key, value));
            case "version" -> builder.version(integer(key, value));
            case "path" -> builder.path(string(key, value));
            case "subscription" -> builder.subscription(string(key, value));
            case "isWriteAck" -> builder.writeAck(value.asBoolean());
            case "isError" -> builder.error(value.asBoolean());
            case "originalTopic" -> builder.originalTopic(integer(key, value));
            case "originalAction" -> builder.originalAction(integer(key, value));
            case "versions" -> builder.versions(versions(value));
            // a raw value on this endpoint; kept as JSON text, as the binary endpoint brings it
            case RpcAction.REQUESTOR_DATA -> builder.attribute(key, value.toString());
            default -> {
                if (value.isString()) {
                    builder.attribute(key, value.stringValue());
                }
            }
        }
    }

    private static String string(String key, JsonNode value) throws MessageParseException {
        if (!value.isString()) {
            throw new MessageParseException("'" + key + "' is not a string");
        }
        return value.stringValue();
    }

    private static Integer integer(String key, JsonNode value) throws MessageParseException {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new MessageParseException("'" + key + "' is not an integer");
        }
        return value.intValue();
    }

    private static List<String> strings(String key, JsonNode value) throws MessageParseException {
        if (!value.isArray()) {
            throw new MessageParseException("'" + key + "' is not an array");
        }
        String[] strings = new String[value.size()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = string(key, value.get(i));
        }
        return List.of(strings);
    }

    private static Map<String, Integer> versions(JsonNode value) throws MessageParseException {
        if (!value.isObject()) {
            throw new MessageParseException("'versions' is not an object");
        }
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            versions.put(entry.getKey(), integer("versions", entry.getValue()));
        }
        return versions;
    }

    private JsonNode parseData(JsonNode data) {
        return data.isString() ? PayloadText.parse(this.mapper.get(), data.stringValue()) : data;
    }

}
