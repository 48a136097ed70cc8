package io.github.deepstreamspringboot.client.internal.connection;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Opens WebSocket connections. Implementations are thread-safe.
 */
public interface Transport {

    /**
     * Opens a connection. On success the listener's {@link TransportListener#onOpen} is called before any frame
     * arrives; the returned future is only needed to learn about a failure to connect.
     * @param uri the server's URI
     * @param listener told about the connection's events, from the transport's own threads
     * @return completes with the session when open, or exceptionally when the connection could not be made
     */
    CompletableFuture<TransportSession> connect(URI uri, TransportListener listener);

    /**
     * Where the sessions' blocking work runs: {@link TransportSession#send} and {@link TransportSession#close}, which
     * the event loop never calls itself. A transport whose sessions never block may run it directly (the default).
     * @return the executor, which may run many tasks at once (the caller runs one write task per session)
     */
    default Executor writeExecutor() {
        return Runnable::run;
    }

}
