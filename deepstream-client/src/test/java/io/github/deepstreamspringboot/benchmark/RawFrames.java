package io.github.deepstreamspringboot.benchmark;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary-endpoint frames built and read by hand for the raw floor, with none of the client's protocol code: a
 * protobuf writer of three field kinds and a reader that finds one field. Field numbers are those of
 * {@code shared/protocol/binary-framing.md}; the frames are byte for byte the ones our client sends for the same
 * operations (checked against its codec in {@code RawFramesTests}).
 */
public final class RawFrames {

    static final int CONNECTION = 2;

    static final int AUTH = 3;

    static final int EVENT = 4;

    static final int RPC = 6;

    private RawFrames() {
    }

    static byte[] challenge(String sdkVersion) {
        return frame(CONNECTION, new Fields().varint(1, 5)
            .string(6, "0.1a")
            .string(7, sdkVersion)
            .string(8, "java"));
    }

    static byte[] login(String authJson) {
        return frame(AUTH, new Fields().varint(1, 2).string(2, authJson));
    }

    static byte[] eventSubscribe(String name, String correlationId) {
        return frame(EVENT, new Fields().varint(1, 3).string(3, correlationId).string(7, name));
    }

    public static byte[] eventEmit(String name, String json) {
        return frame(EVENT, new Fields().varint(1, 2).string(2, json).string(6, name));
    }

    static byte[] rpcProvide(String name, String correlationId) {
        return frame(RPC, new Fields().varint(1, 8).string(3, correlationId).string(6, name));
    }

    static byte[] rpcRequest(String name, String correlationId, String json) {
        return frame(RPC, new Fields().varint(1, 2).string(2, json).string(3, correlationId).string(7, name));
    }

    static byte[] rpcResponse(String name, String correlationId, String json) {
        return frame(RPC, new Fields().varint(1, 5).string(2, json).string(3, correlationId).string(7, name));
    }

    private static byte[] frame(int topic, Fields inner) {
        byte[] message = inner.bytes();
        byte[] outer = new Fields().varint(2, topic).bytes(3, message).bytes();
        return new Fields().raw(outer).bytes();
    }

    /** @return the frame's topic */
    static int topic(ByteBuffer frame) {
        return (int) field(outer(frame), 2).varint;
    }

    /** @return the inner message's action */
    static int action(ByteBuffer frame) {
        Field inner = field(outer(frame), 3);
        return (int) field(inner.slice, 1).varint;
    }

    /** @return a string field of the inner message, or {@code null} if absent */
    static String string(ByteBuffer frame, int number) {
        Field inner = field(outer(frame), 3);
        Field field = field(inner.slice, number);
        return (field != null) ? StandardCharsets.UTF_8.decode(field.slice).toString() : null;
    }

    /** The outer message: after its length prefix. */
    private static ByteBuffer outer(ByteBuffer frame) {
        ByteBuffer buffer = frame.duplicate();
        int length = (int) varint(buffer);
        return buffer.slice().limit(length);
    }

    private record Field(long varint, ByteBuffer slice) {
    }

    /** @return the first field with that number, or {@code null} */
    private static Field field(ByteBuffer message, int number) {
        ByteBuffer buffer = message.duplicate();
        while (buffer.hasRemaining()) {
            long key = varint(buffer);
            int wireType = (int) (key & 7);
            if (wireType == 0) {
                long value = varint(buffer);
                if (key >>> 3 == number) {
                    return new Field(value, null);
                }
            }
            else if (wireType == 2) {
                int length = (int) varint(buffer);
                ByteBuffer slice = buffer.slice().limit(length);
                buffer.position(buffer.position() + length);
                if (key >>> 3 == number) {
                    return new Field(0, slice);
                }
            }
            else {
                throw new IllegalArgumentException("wire type " + wireType);
            }
        }
        return null;
    }

    private static long varint(ByteBuffer buffer) {
        long value = 0;
        for (int shift = 0;; shift += 7) {
            byte b = buffer.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    /** A protobuf message being written: varint and length-delimited fields, in the order given. */
    private static final class Fields {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Fields varint(int number, long value) {
            writeVarint(number << 3);
            writeVarint(value);
            return this;
        }

        Fields string(int number, String value) {
            return bytes(number, value.getBytes(StandardCharsets.UTF_8));
        }

        Fields bytes(int number, byte[] value) {
            writeVarint((number << 3) | 2);
            return raw(value);
        }

        /** A length prefix and the bytes: the frame's delimiter, or a field's body. */
        Fields raw(byte[] value) {
            writeVarint(value.length);
            this.out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return this.out.toByteArray();
        }

        private void writeVarint(long value) {
            long rest = value;
            while ((rest & ~0x7fL) != 0) {
                this.out.write((int) ((rest & 0x7f) | 0x80));
                rest >>>= 7;
            }
            this.out.write((int) rest);
        }

    }

}
