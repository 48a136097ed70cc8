package io.github.deepstreamspringboot.client.internal.protocol;

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
        JsonNode plain = plainString(utf8, offset, length);
        if (plain != null) {
            return plain;
        }
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
     * Reads a quoted ASCII string without escapes by hand, the frequent small payload for which setting up a Jackson
     * parser costs more than the reading; anything else is left to Jackson.
     * @return the string node, or {@code null} if the text is not such a string
     */
    private static JsonNode plainString(byte[] utf8, int offset, int length) {
        int last = offset + length - 1;
        if (length < 2 || utf8[offset] != '"' || utf8[last] != '"') {
            return null;
        }
        for (int i = offset + 1; i < last; i++) {
            byte b = utf8[i];
            if (b < 0x20 || b == '"' || b == '\\') {
                // negative bytes are non-ASCII UTF-8, whose validation stays with Jackson
                return null;
            }
        }
        return StringNode.valueOf(new String(utf8, offset + 1, length - 2, java.nio.charset.StandardCharsets.US_ASCII));
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
