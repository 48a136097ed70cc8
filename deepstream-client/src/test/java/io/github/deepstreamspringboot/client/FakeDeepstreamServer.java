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

import io.github.deepstreamspringboot.client.internal.protocol.AuthAction;
import io.github.deepstreamspringboot.client.internal.protocol.Codecs;
import io.github.deepstreamspringboot.client.internal.protocol.ConnectionAction;
import io.github.deepstreamspringboot.client.internal.protocol.Frame;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.MessageParseException;

/**
 * A tiny WebSocket server on loopback that plays a misbehaving deepstream server, on the JSON or the binary endpoint:
 * it answers the challenge (unless told to stay silent), accepts every login and pings, and sends whatever frames a
 * test asks for. Serves one connection at a time. Thread-safe.
 */
final class FakeDeepstreamServer implements AutoCloseable {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;

    private final boolean answerChallenge;

    private final WireProtocol protocol;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private final java.util.concurrent.atomic.AtomicLong challenges = new java.util.concurrent.atomic.AtomicLong();

    private volatile OutputStream output;

    /** Where to redirect every challenge to; {@code null} to answer it. */
    private volatile String redirectTo;

    private volatile Socket socket;

    FakeDeepstreamServer(boolean answerChallenge) throws IOException {
        this(answerChallenge, WireProtocol.JSON);
    }

    FakeDeepstreamServer(boolean answerChallenge, WireProtocol protocol) throws IOException {
        this.answerChallenge = answerChallenge;
        this.protocol = protocol;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-deepstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "ws://127.0.0.1:" + this.server.getLocalPort() + this.protocol.defaultPath();
    }

    /** Answers every challenge from now on with a REDIRECT to this URL. */
    void redirectTo(String url) {
        this.redirectTo = url;
    }

    /** @return how many challenges arrived so far */
    long challenges() {
        return this.challenges.get();
    }

    BlockingQueue<String> received() {
        return this.received;
    }

    /** Sends a text frame. */
    void send(String text) throws IOException {
        sendFrame(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a binary frame. */
    void send(byte[] bytes) throws IOException {
        sendFrame(0x82, bytes);
    }

    /** Sends a message in the server's protocol. */
    void send(Message message) throws IOException {
        Frame frame = Codecs.of(this.protocol).encode(message);
        if (frame instanceof Frame.Binary binary) {
            send(binary.bytes());
        }
        else {
            send(((Frame.Text) frame).text());
        }
    }

    private synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(opcode);
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
            if (opcode == 1 || opcode == 2) {
                Frame frame = (opcode == 1) ? new Frame.Text(new String(payload, StandardCharsets.UTF_8))
                        : new Frame.Binary(payload);
                this.received.add((frame instanceof Frame.Text text) ? text.text() : frame.toString());
                answer(frame);
            }
        }
    }

    private void answer(Frame frame) throws IOException {
        Message message;
        try {
            message = Codecs.of(this.protocol).decode(frame);
        }
        catch (MessageParseException ex) {
            return;
        }
        if (ConnectionAction.CHALLENGE.matches(message)) {
            this.challenges.incrementAndGet();
        }
        if (ConnectionAction.CHALLENGE.matches(message) && this.redirectTo != null) {
            send(Message.builder(ConnectionAction.REDIRECT).attribute("url", this.redirectTo).build());
        }
        else if (ConnectionAction.CHALLENGE.matches(message) && this.answerChallenge) {
            send(Message.builder(ConnectionAction.ACCEPT).build());
        }
        else if (AuthAction.REQUEST.matches(message)) {
            send(Message.builder(AuthAction.AUTH_SUCCESSFUL).build());
        }
        else if (ConnectionAction.PING.matches(message)) {
            send(Message.builder(ConnectionAction.PONG).build());
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
