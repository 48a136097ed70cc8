package io.github.deepstreamspringboot.client.internal.connection;

import io.github.deepstreamspringboot.client.internal.protocol.Frame;

/**
 * Told about one WebSocket's events, on the transport's I/O threads. Implementations must return quickly.
 */
public interface TransportListener {

    /**
     * The socket is open.
     * @param session the socket
     */
    void onOpen(TransportSession session);

    /**
     * A whole frame arrived.
     * @param frame the frame
     */
    void onFrame(Frame frame);

    /**
     * The socket closed (by either side); nothing follows.
     * @param code the WebSocket close code
     * @param reason the close reason, may be empty
     */
    void onClosed(int code, String reason);

    /**
     * The socket failed; {@link #onClosed} may follow.
     * @param error the failure
     */
    void onError(Throwable error);

}
