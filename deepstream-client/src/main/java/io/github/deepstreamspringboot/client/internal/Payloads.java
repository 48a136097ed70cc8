package io.github.deepstreamspringboot.client.internal;


import java.util.Objects;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

import io.github.deepstreamspringboot.client.PayloadConversionException;

/**
 * Converts payloads between JSON and Java objects with the client's {@link JsonMapper} (Spring Boot's, when
 * auto-configured). Thread-safe.
 */
public final class Payloads {

    private final Supplier<JsonMapper> mapper;

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
