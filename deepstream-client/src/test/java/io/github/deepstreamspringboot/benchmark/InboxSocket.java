package io.github.deepstreamspringboot.benchmark;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A raw socket whose transport hands every whole frame to a {@link FrameInbox}.
 */
abstract class InboxSocket implements RawSocket {

    final FrameInbox inbox;

    InboxSocket(FrameInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void onFrame(Consumer<ByteBuffer> consumer) {
        this.inbox.onFrame(consumer);
    }

    @Override
    public ByteBuffer expect(int topic, int action) throws InterruptedException {
        return this.inbox.expect(topic, action);
    }

}
