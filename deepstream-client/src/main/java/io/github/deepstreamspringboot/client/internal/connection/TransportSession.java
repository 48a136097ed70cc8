package io.github.deepstreamspringboot.client.internal.connection;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.internal.protocol.Frame;

/**
 * One open WebSocket. Frames are sent by the connection's {@link SocketWriter}, one at a time. A transport whose
 * sends block (Tomcat's) only implements {@link #send} and {@link #close}; a non-blocking one (Netty's) also buffers
 * sends until {@link #flush}, and says when its own buffer is full ({@link #writable}), so that frames wait in the
 * writer, where the backlog counts them, rather than in the transport, where nothing would bound them.
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
     * Sends what {@link #send} buffered; called by the writer after each batch. Blocking transports have nothing to
     * flush.
     */
    default void flush() {
    }

    /**
     * Whether the transport takes more frames now; a writer that finds it not writable stops until
     * {@link #whenWritable} calls it back.
     * @return {@code true} if {@link #send} may be called
     */
    default boolean writable() {
        return true;
    }

    /**
     * Calls back once when the session is writable again, on the writer's executor.
     * @param task what to run
     */
    default void whenWritable(Runnable task) {
        task.run();
    }

    /**
     * Starts the WebSocket closing handshake (a normal close frame); does nothing more if it has started already.
     * Never throws.
     * @return completes, on a transport thread, when the socket has closed; never fails, and may never complete if
     * the transport hangs, so callers bound their wait
     */
    CompletableFuture<Void> close();

}
