package io.github.deepstreamspringboot.client.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A message's payload, in one of two forms, the other made from it once, when first asked:
 * <ul>
 * <li>JSON text as UTF-8 bytes: what arrives in a binary frame (kept as a slice of the frame, which nothing reuses),
 * and what an outgoing object was serialized to on the caller's thread. Listeners decode their own type straight
 * from these bytes, and the codec copies them into the frame as they are;</li>
 * <li>a JSON tree: what records work on, what a caller passes as a {@link JsonNode}, and the simple values the codec
 * writes by hand.</li>
 * </ul>
 * The tree of JSON text is read as the codecs always read payloads: text that is not JSON (deepstream relays another
 * client's text unchecked) becomes a string.
 *
 * <p><b>Thread model.</b> Thread-safe. The text never changes; the tree made from it is published through a volatile
 * field (two threads asking at once may both parse it, and one result wins: the same value). Trees must not be
 * changed once in a payload.
 */
public final class Payload {

    private final byte[] json;

    private final int offset;

    private final int length;

    private volatile JsonNode tree;

    private Payload(byte[] json, int offset, int length, JsonNode tree) {
        this.json = json;
        this.offset = offset;
        this.length = length;
        this.tree = tree;
    }

    /**
     * @param tree the payload as a tree
     * @return the payload
     */
    public static Payload of(JsonNode tree) {
        return new Payload(null, 0, 0, Objects.requireNonNull(tree, "'tree' must not be null"));
    }

    /**
     * @param utf8 JSON text, owned by the payload from now on
     * @return the payload
     */
    public static Payload ofJson(byte[] utf8) {
        return new Payload(utf8, 0, utf8.length, null);
    }

    /**
     * @param frame bytes holding JSON text, owned by the payload from now on
     * @param offset where the text starts
     * @param length its length in bytes
     * @return the payload
     */
    static Payload ofJson(byte[] frame, int offset, int length) {
        return new Payload(frame, offset, length, null);
    }

    /** @return the payload as a tree, read from its text on first use */
    public JsonNode tree() {
        JsonNode result = this.tree;
        if (result == null) {
            result = PayloadText.parse(DefaultJsonMapper.get(), this.json, this.offset, this.length);
            this.tree = result;
        }
        return result;
    }

    /** @return the tree if there is one already, without reading the text; else {@code null} */
    public JsonNode treeIfPresent() {
        return this.tree;
    }

    /** @return whether the payload has JSON text (else only a tree) */
    public boolean hasJson() {
        return this.json != null;
    }

    /** @return the bytes holding the JSON text (see {@link #jsonOffset()} and {@link #jsonLength()}), or null */
    public byte[] jsonBytes() {
        return this.json;
    }

    /** @return where the JSON text starts in {@link #jsonBytes()} */
    public int jsonOffset() {
        return this.offset;
    }

    /** @return the length of the JSON text in bytes */
    public int jsonLength() {
        return this.length;
    }

    /** @return the JSON text as a string, or {@code null} if the payload has only a tree */
    String jsonText() {
        return (this.json != null) ? new String(this.json, this.offset, this.length, StandardCharsets.UTF_8) : null;
    }

}
