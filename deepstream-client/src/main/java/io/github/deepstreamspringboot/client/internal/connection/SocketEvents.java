package io.github.deepstreamspringboot.client.internal.connection;

import io.github.deepstreamspringboot.client.internal.protocol.Frame;

/**
 * One socket's transport callbacks, turned into tasks on the engine's event loop, tagged with the socket's id so that
 * the engine ignores what an abandoned socket still reports.
 *
 * <p><b>Thread model.</b> Called on the transport's I/O threads; does nothing there but enqueue.
 */
final class SocketEvents implements TransportListener {

    private final ConnectionEngine engine;

    private final long id;

    SocketEvents(ConnectionEngine engine, long id) {
        this.engine = engine;
        this.id = id;
    }

    @Override
    public void onOpen(TransportSession opened) {
        if (!this.engine.runOnLoop(() -> this.engine.onSocketOpened(this.id, opened))) {
            opened.close();
        }
    }

    @Override
    public void onFrame(Frame frame) {
        this.engine.runOnLoop(() -> this.engine.onFrame(this.id, frame));
    }

    @Override
    public void onClosed(int code, String reason) {
        this.engine.runOnLoop(() -> this.engine.socketClosed(this.id, code, reason));
    }

    @Override
    public void onError(Throwable error) {
        this.engine.runOnLoop(
                () -> this.engine.socketEnded(this.id, "connection failed: " + this.engine.describe(error)));
    }

}
