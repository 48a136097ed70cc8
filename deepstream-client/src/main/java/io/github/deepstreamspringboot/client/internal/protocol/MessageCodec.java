package io.github.deepstreamspringboot.client.internal.protocol;

/**
 * Turns {@link Message messages} into WebSocket frames and back, for one deepstream endpoint. Implementations are
 * stateless and thread-safe.
 */
public interface MessageCodec {

    /**
     * Returns the codec's short name, as errors and logs report it: {@code binary} or {@code json}.
     * @return the name
     */
    String name();

    /**
     * Encodes one message into one frame.
     * @param message the message
     * @return the frame
     */
    Frame encode(Message message);

    /**
     * Decodes one frame into one message.
     * @param frame the frame
     * @return the message
     * @throws MessageParseException if the frame is not a valid message
     */
    Message decode(Frame frame) throws MessageParseException;

}
