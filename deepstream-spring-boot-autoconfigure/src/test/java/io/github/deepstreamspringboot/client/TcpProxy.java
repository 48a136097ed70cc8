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
 * A loopback TCP proxy for tests that can freeze: while frozen it holds every byte in both directions (connections
 * stay open but nothing gets through), as a stalled network would. Thread-safe; one thread per direction.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;

    private final int targetPort;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private final Object gate = new Object();

    private boolean frozen;

    private volatile boolean closed;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return this.server.getLocalPort();
    }

    void freeze() {
        synchronized (this.gate) {
            this.frozen = true;
        }
    }

    void thaw() {
        synchronized (this.gate) {
            this.frozen = false;
            this.gate.notifyAll();
        }
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
