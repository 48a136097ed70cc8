package io.github.deepstreamspringboot.client.internal.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * One WebSocket data frame, as a codec produces and consumes it.
 */
public sealed interface Frame permits Frame.Text, Frame.Binary {

    /**
     * Returns the frame's size in bytes (for text, in UTF-16 chars, which is close enough for limits and logs).
     * @return the size
     */
    int size();

    /**
     * A text frame.
     * @param text the frame's content
     */
    record Text(String text) implements Frame {

        /**
         * Creates a text frame.
         * @param text the content
         */
        public Text {
            Objects.requireNonNull(text, "'text' must not be null");
        }

        @Override
        public int size() {
            return this.text.length();
        }

    }

    /**
     * A binary frame.
     * @param bytes the frame's content; not copied
     */
    record Binary(byte[] bytes) implements Frame {

        /**
         * Creates a binary frame.
         * @param bytes the content
         */
        public Binary {
            Objects.requireNonNull(bytes, "'bytes' must not be null");
        }

        @Override
        public int size() {
            return this.bytes.length;
        }

        @Override
        public boolean equals(Object other) {
            return (other instanceof Binary binary) && Arrays.equals(this.bytes, binary.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(this.bytes);
        }

        @Override
        public String toString() {
            return "Binary[" + this.bytes.length + " bytes]";
        }

    }

}
