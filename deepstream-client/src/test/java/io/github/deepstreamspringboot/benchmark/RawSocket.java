package io.github.deepstreamspringboot.benchmark;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A socket of a raw floor: hand-built frames, byte for byte ours (`RawFramesTests`), and no deepstream client. Frames
 * arrive on the transport's I/O thread; each socket has one sending thread at a time.
 */
public interface RawSocket extends AutoCloseable {

    void send(byte[] frame) throws Exception;

    /** From now on, frames go to the consumer on the I/O thread instead of the queue {@link #expect} reads. */
    void onFrame(Consumer<ByteBuffer> consumer);

    /** Waits for the next frame, which must have that topic and action (handshakes and acks). */
    ByteBuffer expect(int topic, int action) throws InterruptedException;

    /** Subscribes to an event name and waits for the server's acknowledgement. */
    default void subscribe(String name) throws Exception {
        send(RawFrames.eventSubscribe(name, "s1"));
        expect(RawFrames.EVENT, 3);
    }

    /**
     * Sends CHALLENGE and AUTH REQUEST as our client does, and returns once logged in.
     * @param <S> the socket's type
     * @param socket a socket just opened
     * @param username who logs in
     * @return the socket
     */
    static <S extends RawSocket> S loggedIn(S socket, String username) throws Exception {
        socket.send(RawFrames.challenge("dev"));
        socket.expect(RawFrames.CONNECTION, 4);
        socket.send(RawFrames.login("{\"username\":\"" + username + "\"}"));
        socket.expect(RawFrames.AUTH, 3);
        return socket;
    }

    /** Opens a socket and logs in. */
    interface Opener {

        RawSocket login(String url, String username) throws Exception;

    }

}
