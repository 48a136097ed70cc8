package io.github.deepstreamspringboot.benchmark;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a raw socket's frames go: a queue that {@link #expect} reads during handshakes, then the consumer a workload
 * sets, called on the transport's I/O thread.
 */
final class FrameInbox {

    private final BlockingQueue<ByteBuffer> queue = new LinkedBlockingQueue<>();

    private volatile Consumer<ByteBuffer> consumer = this.queue::add;

    void accept(ByteBuffer frame) {
        this.consumer.accept(frame);
    }

    void onFrame(Consumer<ByteBuffer> consumer) {
        this.consumer = consumer;
    }

    /** Waits for the next frame, which must have that topic and action (handshakes and acks). */
    ByteBuffer expect(int topic, int action) throws InterruptedException {
        ByteBuffer frame = this.queue.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 10 s").isNotNull();
        assertThat(new int[] { RawFrames.topic(frame), RawFrames.action(frame) }).containsExactly(topic, action);
        return frame;
    }

}
