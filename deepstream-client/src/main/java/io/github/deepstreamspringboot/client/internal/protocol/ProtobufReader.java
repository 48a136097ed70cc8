package io.github.deepstreamspringboot.client.internal.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf wire format from a slice of an array, checking every length against the slice's end so that a
 * truncated or lying frame becomes a {@link MessageParseException}, never an {@link ArrayIndexOutOfBoundsException}.
 * Not thread-safe; one reader per frame.
 */
final class ProtobufReader {

    private final byte[] bytes;

    private final int limit;

    private int position;

    ProtobufReader(byte[] bytes, int offset, int limit) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = limit;
    }

    boolean hasMore() {
        return this.position < this.limit;
    }

    int position() {
        return this.position;
    }

    /**
     * Reads a varint of up to ten bytes.
     * @return the value, all 64 bits
     * @throws MessageParseException if the frame ends inside it or it is longer than ten bytes
     */
    long readVarint() throws MessageParseException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (this.position >= this.limit) {
                throw new MessageParseException("truncated varint at byte " + this.position);
            }
            byte b = this.bytes[this.position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MessageParseException("varint longer than 10 bytes at byte " + this.position);
    }

    /**
     * Reads the length of a length-delimited field and skips its content.
     * @return a reader of the field's content
     * @throws MessageParseException if the length runs past the end of the enclosing slice
     */
    ProtobufReader readLengthDelimited() throws MessageParseException {
        int start = this.position;
        long length = readVarint();
        if (length < 0 || length > this.limit - this.position) {
            throw new MessageParseException("length " + length + " at byte " + start + " runs past the end ("
                    + (this.limit - this.position) + " bytes left)");
        }
        ProtobufReader content = new ProtobufReader(this.bytes, this.position, this.position + (int) length);
        this.position += (int) length;
        return content;
    }

    String readString() throws MessageParseException {
        return readLengthDelimited().remainingAsString();
    }

    String remainingAsString() {
        return new String(this.bytes, this.position, this.limit - this.position, StandardCharsets.UTF_8);
    }

    /** What is left of this slice, as payload JSON text (parsed when first asked for). */
    Payload remainingAsPayload() {
        return Payload.ofJson(this.bytes, this.position, this.limit - this.position);
    }

    int remaining() {
        return this.limit - this.position;
    }

    /**
     * Skips a field whose number the schema does not know, as protobuf requires.
     * @param wireType the field's wire type
     * @throws MessageParseException for a group or an unknown wire type, or if the frame ends inside the field
     */
    void skip(int wireType) throws MessageParseException {
        switch (wireType) {
            case 0 -> readVarint();
            case 1 -> skipBytes(8);
            case 2 -> readLengthDelimited();
            case 5 -> skipBytes(4);
            default -> throw new MessageParseException("unsupported wire type " + wireType + " at byte "
                    + this.position);
        }
    }

    private void skipBytes(int count) throws MessageParseException {
        if (count > this.limit - this.position) {
            throw new MessageParseException("truncated fixed-size field at byte " + this.position);
        }
        this.position += count;
    }

}
