package io.github.deepstreamspringboot.client.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * Reads the {@code data} text that both endpoints use for payloads. deepstream relays another client's {@code data}
 * without validating it, so text that is not JSON is kept as a string instead of failing the whole message.
 */
final class PayloadText {

    private PayloadText() {
    }

    /**
     * Parses payload text straight from the UTF-8 bytes of a binary frame.
     * @param mapper the mapper
     * @param utf8 the frame's bytes
     * @param offset where {@code data} starts
     * @param length its length in bytes
     * @return the JSON value, or the text as a string node when it is not JSON
     */
    static JsonNode parse(JsonMapper mapper, byte[] utf8, int offset, int length) {
        try {
            JsonNode parsed = mapper.readTree(utf8, offset, length);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        }
        catch (JacksonException ex) {
            // not JSON: kept as text below
        }
        return StringNode.valueOf(new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Parses payload text.
     * @param mapper the mapper
     * @param text the text of {@code data}
     * @return the JSON value, or the text as a string node when it is not JSON
     */
    static JsonNode parse(JsonMapper mapper, String text) {
        try {
            JsonNode parsed = mapper.readTree(text);
            return (parsed == null || parsed.isMissingNode()) ? StringNode.valueOf(text) : parsed;
        }
        catch (JacksonException ex) {
            return StringNode.valueOf(text);
        }
    }

}
