package io.github.deepstreamspringboot.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy for tests that can freeze (connections stay open but nothing gets through, as on a stalled
 * network) or cut (connections close and new ones are refused, as on a lost network). Thread-safe; one thread per
 * direction.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;

    private final int targetPort;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private final Object gate = new Object();

    private boolean frozen;

    private volatile boolean cut;

    private volatile boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return this.server.getLocalPort();
    }

    public void freeze() {
        synchronized (this.gate) {
            this.frozen = true;
        }
    }

    public void thaw() {
        synchronized (this.gate) {
            this.frozen = false;
            this.gate.notifyAll();
        }
    }

    /** Cuts every connection and refuses new ones (they are closed at once) until {@link #restore()}. */
    public void cut() {
        this.cut = true;
        for (Socket socket : this.sockets) {
            closeQuietly(socket);
        }
        this.sockets.clear();
    }

    public void restore() {
        this.cut = false;
    }

    @Override
    public void close() throws IOException {
        this.closed = true;
        thaw();
        this.server.close();
        for (Socket socket : this.sockets) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!this.closed) {
            try {
                Socket client = this.server.accept();
                if (this.cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
                this.sockets.add(client);
                this.sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            }
            catch (IOException ex) {
                // closed, or the target refused: the client sees its connection reset
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    awaitThawed();
                    out.write(buffer, 0, read);
                    out.flush();
                }
                awaitThawed();
            }
            catch (IOException | InterruptedException ex) {
                // one side went away; closing both below tells the other
            }
            closeQuietly(from);
            closeQuietly(to);
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitThawed() throws InterruptedException {
        synchronized (this.gate) {
            while (this.frozen && !this.closed) {
                this.gate.wait();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // already closed
        }
    }

}
