package io.github.deepstreamspringboot.client.internal.protocol;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes protobuf wire format into one growable array: varints, tags, strings and length-delimited fields. The binary
 * codec's hot path, so it writes in place: a length-delimited field whose size is not known in advance (a payload, an
 * inner message) reserves room for its length and is closed afterwards. Not thread-safe; one writer per frame.
 */
final class ProtobufWriter extends OutputStream {

    static final int WIRE_VARINT = 0;

    static final int WIRE_LENGTH_DELIMITED = 2;

    /** The longest varint of a 32-bit length: 5 bytes. */
    private static final int MAX_LENGTH_VARINT = 5;

    private byte[] buffer;

    private int position;

    /**
     * Creates a writer whose first bytes are left free, so that a header can be put in front of the content later
     * without moving it.
     * @param headroom bytes left free at the start
     */
    ProtobufWriter(int headroom) {
        this.buffer = new byte[Math.max(64, headroom * 4)];
        this.position = headroom;
    }

    int position() {
        return this.position;
    }

    byte[] buffer() {
        return this.buffer;
    }

    void writeVarintField(int field, long value) {
        writeTag(field, WIRE_VARINT);
        writeVarint(value);
    }

    void writeBoolField(int field, boolean value) {
        writeTag(field, WIRE_VARINT);
        write(value ? 1 : 0);
    }

    void writeStringField(int field, String value) {
        writeTag(field, WIRE_LENGTH_DELIMITED);
        int mark = beginLength();
        writeUtf8(value);
        endLength(mark);
    }

    void writeTag(int field, int wireType) {
        writeVarint(((long) field << 3) | wireType);
    }

    /**
     * Writes a varint. An {@code int} is passed sign-extended, so -1 takes ten bytes as protobuf's {@code int32} wants.
     * @param value the value
     */
    void writeVarint(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            this.buffer[this.position++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        this.buffer[this.position++] = (byte) rest;
    }

    /**
     * Reserves room for the length of a length-delimited field whose content follows.
     * @return the mark to pass to {@link #endLength(int)}
     */
    int beginLength() {
        ensure(MAX_LENGTH_VARINT);
        int mark = this.position;
        this.position += MAX_LENGTH_VARINT;
        return mark;
    }

    /**
     * Writes the length of the content written since {@link #beginLength()} into the room reserved for it, moving
     * the content back when the length needs fewer than the five bytes reserved.
     * @param mark what {@link #beginLength()} returned
     */
    void endLength(int mark) {
        int contentStart = mark + MAX_LENGTH_VARINT;
        int length = this.position - contentStart;
        int lengthSize = varintSize(length);
        int shift = MAX_LENGTH_VARINT - lengthSize;
        if (shift > 0) {
            System.arraycopy(this.buffer, contentStart, this.buffer, contentStart - shift, length);
            this.position -= shift;
        }
        putVarint(mark, length);
    }

    /** Writes a string as UTF-8, without a length. */
    void writeUtf8(String value) {
        int length = value.length();
        ensure(length);
        int i = 0;
        // the common case, ASCII, needs no encoder
        while (i < length) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                break;
            }
            this.buffer[this.position++] = (byte) c;
            i++;
        }
        if (i < length) {
            byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
            write(rest, 0, rest.length);
        }
    }

    /** Writes a varint at a given position, overwriting what is there. */
    void putVarint(int at, long value) {
        int index = at;
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            this.buffer[index++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        this.buffer[index] = (byte) rest;
    }

    static int varintSize(long value) {
        int size = 1;
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            rest >>>= 7;
            size++;
        }
        return size;
    }

    @Override
    public void write(int b) {
        ensure(1);
        this.buffer[this.position++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, this.buffer, this.position, length);
        this.position += length;
    }

    private void ensure(int more) {
        if (this.position + more > this.buffer.length) {
            this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.position + more));
        }
    }

}
