package io.github.deepstreamspringboot.client.internal.connection;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.github.deepstreamspringboot.client.internal.protocol.Frame;

/**
 * Joins the parts in which the WebSocket container delivers a message into one {@link Frame}, up to the client's
 * maximum message size. The container could do this itself, but Tomcat then allocates buffers of the maximum size
 * for every connection, eagerly (1 MiB binary, 1 Mi chars and the same again for the upgrade's response by
 * default): opening a socket took 9–16 ms instead of 3–4 ms, and each connection held megabytes. Here the container
 * keeps its 8 KiB buffers, a message within one part (nearly all of them) is passed on as it is, and only a longer
 * one is copied together, into an array that grows with it.
 *
 * <p><b>Thread model.</b> Not thread-safe: one per socket, used on the container's I/O thread, which delivers a
 * socket's parts one at a time and in order.
 */
final class MessageAssembler {

    private final int maxMessageSize;

    private byte[] bytes = new byte[0];

    private int byteCount;

    private StringBuilder text;

    /** Set when a message went over the limit: its remaining parts are dropped. */
    private boolean discarding;

    /**
     * Creates an assembler.
     * @param maxMessageSize the largest message, in bytes (in characters for text, as the container counts them)
     */
    MessageAssembler(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Takes one part of a binary message.
     * @param part the part's bytes (read, not kept)
     * @param last whether it ends the message
     * @return the whole message once {@code last} arrives, else {@code null}
     * @throws MessageTooLargeException when the message grows past the limit; its later parts are dropped
     */
    Frame.Binary binary(ByteBuffer part, boolean last) {
        if (this.discarding) {
            this.discarding = !last;
            return null;
        }
        if (last && this.byteCount == 0) {
            return within(part.remaining(), last) ? new Frame.Binary(copy(part)) : null;
        }
        if (!within(this.byteCount + part.remaining(), last)) {
            return null;
        }
        if (this.bytes.length < this.byteCount + part.remaining()) {
            this.bytes = Arrays.copyOf(this.bytes, Math.max(this.byteCount + part.remaining(), this.bytes.length * 2));
        }
        int length = part.remaining();
        part.get(this.bytes, this.byteCount, length);
        this.byteCount += length;
        if (!last) {
            return null;
        }
        Frame.Binary whole = new Frame.Binary(Arrays.copyOf(this.bytes, this.byteCount));
        this.bytes = new byte[0];
        this.byteCount = 0;
        return whole;
    }

    /**
     * Takes one part of a text message.
     * @param part the part
     * @param last whether it ends the message
     * @return the whole message once {@code last} arrives, else {@code null}
     * @throws MessageTooLargeException when the message grows past the limit; its later parts are dropped
     */
    Frame.Text text(String part, boolean last) {
        if (this.discarding) {
            this.discarding = !last;
            return null;
        }
        if (last && this.text == null) {
            return within(part.length(), last) ? new Frame.Text(part) : null;
        }
        int length = ((this.text != null) ? this.text.length() : 0) + part.length();
        if (!within(length, last)) {
            return null;
        }
        if (this.text == null) {
            this.text = new StringBuilder(part.length() * 2);
        }
        this.text.append(part);
        if (!last) {
            return null;
        }
        Frame.Text whole = new Frame.Text(this.text.toString());
        this.text = null;
        return whole;
    }

    /** @return {@code true} if the size is allowed; otherwise resets, drops the rest of the message and throws */
    private boolean within(int size, boolean last) {
        if (size <= this.maxMessageSize) {
            return true;
        }
        this.bytes = new byte[0];
        this.byteCount = 0;
        this.text = null;
        this.discarding = !last;
        throw new MessageTooLargeException(this.maxMessageSize);
    }

    /** The part's bytes: its own array when it is exactly that, as Tomcat hands a message within one part. */
    private static byte[] copy(ByteBuffer part) {
        if (part.hasArray() && part.arrayOffset() == 0 && part.position() == 0
                && part.remaining() == part.array().length) {
            return part.array();
        }
        byte[] bytes = new byte[part.remaining()];
        part.get(bytes);
        return bytes;
    }

    /** A message longer than the maximum message size. */
    static final class MessageTooLargeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MessageTooLargeException(int maxMessageSize) {
            super("message larger than " + maxMessageSize + " bytes");
        }

    }

}
