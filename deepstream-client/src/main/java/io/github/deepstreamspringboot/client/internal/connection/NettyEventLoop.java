package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventLoop} that is one of Netty's event loops, shared with other clients and with whatever else runs on
 * Reactor Netty's loops: the connection's state and its channel's I/O live on the same thread, so a frame read, the
 * state change it causes and the write it answers with need no hand-over between threads. The Netty loop outlives the
 * client, so shutting this loop down only stops it taking tasks: the tasks already queued still run, and scheduled
 * ones are dropped. A task that throws is logged and does not reach Netty.
 *
 * <p><b>Thread model.</b> {@link #execute}, {@link #schedule}, cancelling and {@link #shutdown} may be called from any
 * thread; tasks run on the Netty loop's thread, one at a time, among the tasks of whoever else shares it.
 */
final class NettyEventLoop implements EventLoop {

    private static final Logger logger = LoggerFactory.getLogger(NettyEventLoop.class);

    private final io.netty.channel.EventLoop netty;

    private final Clock clock = Clock.systemUTC();

    private volatile boolean shutDown;

    NettyEventLoop(io.netty.channel.EventLoop netty) {
        this.netty = netty;
    }

    /** @return the Netty loop, on which the connection's channels are registered */
    io.netty.channel.EventLoop netty() {
        return this.netty;
    }

    @Override
    public void execute(Runnable task) {
        if (this.shutDown) {
            throw new RejectedExecutionException("the deepstream connection loop is shut down");
        }
        this.netty.execute(() -> runSafely(task));
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        if (this.shutDown) {
            return () -> {
            };
        }
        Future<?> scheduled = this.netty.schedule(() -> {
            if (!this.shutDown) {
                runSafely(task);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    @Override
    public Instant now() {
        return this.clock.instant();
    }

    @Override
    public boolean inEventLoop() {
        return this.netty.inEventLoop();
    }

    @Override
    public boolean shutdown(Duration timeout) {
        if (this.shutDown) {
            return true;
        }
        this.shutDown = true;
        if (inEventLoop()) {
            return false;
        }
        try {
            // the marker runs after every task queued before it: Netty runs its tasks in order
            return this.netty.submit(() -> {
            }).await(timeout.toMillis());
        }
        catch (RejectedExecutionException ex) {
            // Netty's loop was shut down first: what it had queued has run or never will
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        }
        catch (RuntimeException | Error ex) {
            logger.error("deepstream connection task failed", ex);
        }
    }

}
