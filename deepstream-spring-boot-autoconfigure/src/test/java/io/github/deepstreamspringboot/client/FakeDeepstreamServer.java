package io.github.deepstreamspringboot.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A tiny WebSocket server on loopback that plays a misbehaving deepstream server: it answers the challenge (unless
 * told to stay silent), accepts every login and pings, and sends whatever frames a test asks for. Serves one
 * connection at a time. Thread-safe.
 */
final class FakeDeepstreamServer implements AutoCloseable {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;

    private final boolean answerChallenge;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private volatile OutputStream output;

    private volatile Socket socket;

    FakeDeepstreamServer(boolean answerChallenge) throws IOException {
        this.answerChallenge = answerChallenge;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-deepstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "ws://127.0.0.1:" + this.server.getLocalPort() + "/deepstream-json";
    }

    BlockingQueue<String> received() {
        return this.received;
    }

    synchronized void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(payload.length);
        }
        else if (payload.length < 65536) {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        frame.write(payload);
        this.output.write(frame.toByteArray());
        this.output.flush();
    }

    @Override
    public void close() throws IOException {
        this.server.close();
        Socket current = this.socket;
        if (current != null) {
            current.close();
        }
    }

    private void acceptLoop() {
        while (!this.server.isClosed()) {
            try (Socket accepted = this.server.accept()) {
                this.socket = accepted;
                DataInputStream in = new DataInputStream(accepted.getInputStream());
                this.output = accepted.getOutputStream();
                handshake(in, this.output);
                readFrames(in);
            }
            catch (IOException ex) {
                // the client went away; wait for the next one
            }
        }
    }

    private static void handshake(DataInputStream in, OutputStream out) throws IOException {
        String key = null;
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c == -1) {
                throw new IOException("closed during handshake");
            }
            if (c == '\n') {
                String header = line.toString().strip();
                if (header.isEmpty()) {
                    break;
                }
                if (header.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = header.substring(header.indexOf(':') + 1).strip();
                }
                line.setLength(0);
            }
            else {
                line.append((char) c);
            }
        }
        String accept = Base64.getEncoder().encodeToString(sha1(key + WEBSOCKET_GUID));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void readFrames(DataInputStream in) throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            }
            else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((second & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            int opcode = first & 0x0F;
            if (opcode == 8) {
                return;
            }
            if (opcode == 1) {
                String text = new String(payload, StandardCharsets.UTF_8);
                this.received.add(text);
                answer(text);
            }
        }
    }

    private void answer(String text) throws IOException {
        if (text.contains("\"topic\":2") && text.contains("\"action\":5") && this.answerChallenge) {
            send("{\"topic\":2,\"action\":4}");
        }
        else if (text.contains("\"topic\":3") && text.contains("\"action\":2")) {
            send("{\"topic\":3,\"action\":3}");
        }
        else if (text.contains("\"topic\":2") && text.contains("\"action\":2")) {
            send("{\"topic\":2,\"action\":3}");
        }
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.US_ASCII));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
