package io.github.deepstreamspringboot.client.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

import io.github.deepstreamspringboot.client.PayloadConversionException;
import io.github.deepstreamspringboot.client.internal.protocol.Payload;

/**
 * Converts payloads between JSON and Java objects with the client's {@link JsonMapper} (Spring Boot's, when
 * auto-configured): objects to JSON text and JSON text to the reader's type directly, trees only where asked for.
 * Thread-safe; the writers and readers it keeps per type are as many as the application has payload types.
 */
public final class Payloads {

    private final Supplier<JsonMapper> mapper;

    /** A writer per class of value written: it holds the class's serializer, found once. */
    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

    /** A reader per type read into: it holds the type's deserializer, found once. */
    private final Map<java.lang.reflect.Type, ObjectReader> readers = new ConcurrentHashMap<>();

    /**
     * Creates a converter.
     * @param mapper the mapper
     */
    public Payloads(JsonMapper mapper) {
        Objects.requireNonNull(mapper, "'mapper' must not be null");
        this.mapper = () -> mapper;
    }

    /**
     * Creates a converter that asks for its mapper on first use: the client's default one may still be being built.
     * @param mapper gives the mapper
     */
    public Payloads(Supplier<JsonMapper> mapper) {
        this.mapper = mapper;
    }

    /**
     * Converts a value to JSON.
     * @param value a JSON node, a String, a Map, a record, a POJO, ... or {@code null} (JSON null)
     * @return the JSON
     * @throws PayloadConversionException if the value cannot be written as JSON
     */
    public JsonNode toJson(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        // the frequent simple values, without Jackson's token buffer; the nodes are those valueToTree makes
        if (value instanceof String text) {
            return StringNode.valueOf(text);
        }
        if (value instanceof Integer number) {
            return IntNode.valueOf(number);
        }
        if (value instanceof Long number) {
            return LongNode.valueOf(number);
        }
        if (value instanceof Boolean flag) {
            return BooleanNode.valueOf(flag);
        }
        try {
            return this.mapper.get().valueToTree(value);
        }
        catch (JacksonException | IllegalArgumentException ex) {
            // Jackson's message may quote the data; keep it out of error listeners and logs
            throw new PayloadConversionException("Cannot write " + value.getClass().getName() + " as JSON ("
                    + ex.getClass().getSimpleName() + ")", ex);
        }
    }

    /**
     * Converts a value to a payload: an object to JSON text at once, on the calling thread, with a writer kept for its
     * class (no tree on the way); a tree and the frequent simple values as trees, which the codec writes by hand.
     * @param value as for {@link #toJson(Object)}
     * @return the payload
     * @throws PayloadConversionException if the value cannot be written as JSON
     */
    public Payload toPayload(Object value) {
        if (value == null || value instanceof JsonNode || value instanceof String || value instanceof Integer
                || value instanceof Long || value instanceof Boolean) {
            return Payload.of(toJson(value));
        }
        try {
            return Payload.ofJson(this.writers.computeIfAbsent(value.getClass(), (type) -> this.mapper.get()
                .writerFor(type)).writeValueAsBytes(value));
        }
        catch (JacksonException | IllegalArgumentException ex) {
            // Jackson's message may quote the data; keep it out of error listeners and logs
            throw new PayloadConversionException("Cannot write " + value.getClass().getName() + " as JSON ("
                    + ex.getClass().getSimpleName() + ")", ex);
        }
    }

    /**
     * Converts a payload to a type: straight from its JSON text when it has some and no tree yet, with a reader kept
     * for the type; else as {@link #fromJson(JsonNode, Class)} does. Text that does not read as the type takes the
     * tree's way, so the outcome (a value, or the same exception) is the one the tree gives.
     * @param <T> the type
     * @param payload the payload, {@code null} for none
     * @param type the type ({@link JsonNode} gives the payload's tree)
     * @return the value, {@code null} for no payload or JSON null
     * @throws PayloadConversionException if the JSON does not fit the type
     */
    public <T> T fromPayload(Payload payload, Class<T> type) {
        @SuppressWarnings("unchecked")
        T value = (T) read(payload, type, () -> fromJson((payload != null) ? payload.tree() : null, type));
        return value;
    }

    /**
     * Converts a payload to a possibly generic type (such as {@code List<Order>}), as
     * {@link #fromPayload(Payload, Class)} does.
     * @param payload the payload, {@code null} for none
     * @param type the type
     * @return the value, {@code null} for no payload or JSON null
     * @throws PayloadConversionException if the JSON does not fit the type
     */
    public Object fromPayload(Payload payload, java.lang.reflect.Type type) {
        if (type instanceof Class<?> rawClass) {
            return fromPayload(payload, rawClass);
        }
        return read(payload, type, () -> fromJson((payload != null) ? payload.tree() : null, type));
    }

    /**
     * Reads the payload's text into the type when there is text, no tree yet, and a type to bind (not a tree);
     * otherwise, or when the text does not read as the type, takes the tree's way.
     */
    private Object read(Payload payload, java.lang.reflect.Type type, Supplier<Object> viaTree) {
        boolean wantsTree = type instanceof Class<?> rawClass && JsonNode.class.isAssignableFrom(rawClass);
        if (payload == null || !payload.hasJson() || payload.treeIfPresent() != null || wantsTree) {
            return viaTree.get();
        }
        try {
            return reader(type).readValue(payload.jsonBytes(), payload.jsonOffset(), payload.jsonLength());
        }
        catch (JacksonException | IllegalArgumentException ex) {
            return viaTree.get();
        }
    }

    private ObjectReader reader(java.lang.reflect.Type type) {
        return this.readers.computeIfAbsent(type,
                (key) -> this.mapper.get().readerFor(this.mapper.get().getTypeFactory().constructType(key)));
    }

    /**
     * Reads JSON text.
     * @param json the text
     * @return the JSON
     * @throws PayloadConversionException if the text is not JSON
     */
    public JsonNode readTree(String json) {
        try {
            return this.mapper.get().readTree(json);
        }
        catch (JacksonException ex) {
            throw new PayloadConversionException("Cannot read JSON text (" + ex.getClass().getSimpleName() + ")", ex);
        }
    }

    /**
     * Converts JSON to a type.
     * @param <T> the type
     * @param json the JSON, {@code null} for no payload
     * @param type the type ({@link JsonNode} returns the JSON itself)
     * @return the value, {@code null} for no payload or JSON null
     * @throws PayloadConversionException if the JSON does not fit the type
     */
    public <T> T fromJson(JsonNode json, Class<T> type) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return JsonNode.class.isAssignableFrom(type) ? type.cast(json) : null;
        }
        if (type.isInstance(json)) {
            return type.cast(json);
        }
        try {
            return this.mapper.get().treeToValue(json, type);
        }
        catch (JacksonException | IllegalArgumentException ex) {
            throw new PayloadConversionException("Cannot convert " + json.getNodeType() + " payload to "
                    + type.getName() + " (" + ex.getClass().getSimpleName() + ")", ex);
        }
    }

    /**
     * Converts JSON to a possibly generic type (such as {@code List<Order>}).
     * @param json the JSON, {@code null} for no payload
     * @param type the type
     * @return the value, {@code null} for no payload or JSON null
     * @throws PayloadConversionException if the JSON does not fit the type
     */
    public Object fromJson(JsonNode json, java.lang.reflect.Type type) {
        if (type instanceof Class<?> rawClass) {
            return fromJson(json, rawClass);
        }
        if (json == null || json.isNull() || json.isMissingNode()) {
            return null;
        }
        try {
            return this.mapper.get().convertValue(json, this.mapper.get().getTypeFactory().constructType(type));
        }
        catch (JacksonException | IllegalArgumentException ex) {
            throw new PayloadConversionException("Cannot convert " + json.getNodeType() + " payload to " + type
                    + " (" + ex.getClass().getSimpleName() + ")", ex);
        }
    }

}
