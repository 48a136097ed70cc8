package io.github.deepstreamspringboot.client.connection;

import java.io.IOException;

import io.github.deepstreamspringboot.client.protocol.Frame;

/**
 * One open WebSocket. Used by one thread at a time (the connection's event loop).
 */
public interface TransportSession {

    /**
     * Sends one frame, blocking until it is handed to the network (bounded by the transport's send timeout).
     * @param frame the frame
     * @throws IOException if the socket failed
     */
    void send(Frame frame) throws IOException;

    /**
     * Closes the socket normally; does nothing if it is already closed. Never throws.
     */
    void close();

}
