package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The connection's loop on a Netty event loop that it shares and does not own.
 */
class NettyEventLoopTests {

    private final DefaultEventLoop netty = new DefaultEventLoop();

    private final NettyEventLoop loop = new NettyEventLoop(this.netty);

    @AfterEach
    void stopNetty() {
        this.netty.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void tasksRunInOrderOnTheNettyThreadAndOneThatThrowsDoesNotStopTheOthers() {
        List<String> ran = new CopyOnWriteArrayList<>();
        this.loop.execute(() -> ran.add("first " + this.loop.inEventLoop()));
        this.loop.execute(() -> {
            throw new IllegalStateException("a task's bug");
        });
        this.loop.execute(() -> ran.add("second " + this.netty.inEventLoop()));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("first true", "second true");
        assertThat(this.loop.inEventLoop()).isFalse();
    }

    @Test
    void shutdownRunsWhatWasQueuedThenRefusesAndDropsTimersButLeavesNettyRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        this.loop.execute(() -> awaitQuietly(release));
        this.loop.execute(() -> ran.add("queued"));
        this.loop.schedule(() -> ran.add("timer"), Duration.ofMillis(50));
        release.countDown();
        assertThat(this.loop.shutdown(Duration.ofSeconds(5))).isTrue();
        assertThat(ran).containsExactly("queued");
        assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.loop.execute(() -> {
        }));
        // the timer's time passes on the shared loop, which still runs other work
        CountDownLatch later = new CountDownLatch(1);
        this.netty.schedule(later::countDown, 100, TimeUnit.MILLISECONDS);
        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("queued");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
