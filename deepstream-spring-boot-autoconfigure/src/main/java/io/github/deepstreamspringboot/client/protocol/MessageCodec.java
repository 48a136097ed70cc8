package io.github.deepstreamspringboot.client.protocol;

/**
 * Turns {@link Message messages} into WebSocket frames and back, for one deepstream endpoint. Implementations are
 * stateless and thread-safe.
 */
public interface MessageCodec {

    /**
     * Returns the URL path of the server endpoint that speaks this encoding, used when the URL has no path.
     * @return the path, starting with {@code /}
     */
    String defaultPath();

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
