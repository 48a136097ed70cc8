package io.github.deepstreamspringboot.client.internal.connection;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.internal.protocol.Frame;

/**
 * One open WebSocket. Frames are sent by the connection's {@link SocketWriter}, one at a time.
 */
public interface TransportSession {

    /**
     * Sends one frame, blocking until it is handed to the network (bounded by the transport's send timeout). Called
     * by one writer task at a time, on the transport's {@link Transport#writeExecutor()}, never on the event loop.
     * @param frame the frame
     * @throws IOException if the socket failed
     */
    void send(Frame frame) throws IOException;

    /**
     * Starts the WebSocket closing handshake (a normal close frame); does nothing more if it has started already.
     * Never throws.
     * @return completes, on a transport thread, when the socket has closed; never fails, and may never complete if
     * the transport hangs, so callers bound their wait
     */
    CompletableFuture<Void> close();

}
