package io.github.deepstreamspringboot.client.internal.connection;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool. Each event handler, record listener, presence
 * listener and RPC provider gets one, so a handler sees its messages in order while a handler that blocks holds up
 * only itself.
 *
 * <p><b>Bounded deliveries.</b> Messages for the handler are {@linkplain #offer offered}: at most {@code maxPending}
 * wait, as in nats.java's pending limits. Past that the handler is a slow consumer: further messages are refused
 * (the caller drops them and reports {@code SLOW_CONSUMER}, once per streak) until the handler has caught up, that is
 * until nothing waits any more; then one INFO line says how many were dropped. Other tasks ({@link #execute}, such as
 * a subscription's first value) are never refused.
 *
 * <p><b>Thread model.</b> Thread-safe: {@link #offer} and {@link #execute} from any thread (the event loop, in
 * practice); the tasks on the pool's threads, one at a time.
 */
public final class SerialExecutor implements Executor {

    private static final Logger logger = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;

    private final Queue<Runnable> tasks = new ArrayDeque<>();

    private final int maxPending;

    private final String description;

    private boolean running;

    /** Messages refused in this streak; a streak ends when the handler has caught up. */
    private long dropped;

    /**
     * Creates a serial executor.
     * @param pool the shared pool that runs the tasks
     * @param maxPending how many offered messages may wait
     * @param description whose handler this is, for the log ("listener of event 'prices'")
     */
    public SerialExecutor(Executor pool, int maxPending, String description) {
        this.pool = pool;
        this.maxPending = maxPending;
        this.description = description;
    }

    /** @return whose handler this is, for log lines and errors */
    public String description() {
        return this.description;
    }

    /**
     * Queues a message for the handler, unless {@code maxPending} already wait.
     * @param task delivers the message
     * @return {@link Offer#QUEUED}, or why not: {@link Offer#SLOW_CONSUMER} for the first message refused in a
     * streak (to be reported), {@link Offer#DROPPED} for the rest
     */
    public Offer offer(Runnable task) {
        synchronized (this.tasks) {
            if (this.tasks.size() >= this.maxPending) {
                return (this.dropped++ == 0) ? Offer.SLOW_CONSUMER : Offer.DROPPED;
            }
        }
        execute(task);
        return Offer.QUEUED;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this.tasks) {
            this.tasks.add(task);
            if (this.running) {
                return;
            }
            this.running = true;
        }
        this.pool.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this.tasks) {
                task = this.tasks.poll();
                if (task == null) {
                    this.running = false;
                    caughtUp();
                    return;
                }
            }
            try {
                task.run();
            }
            catch (RuntimeException ex) {
                logger.error("deepstream handler task failed", ex);
            }
        }
    }

    /** Holding the lock: ends a streak of refusals, if one is on. */
    private void caughtUp() {
        if (this.dropped > 0) {
            logger.info("deepstream {} caught up after {} messages were dropped for it (SLOW_CONSUMER)",
                    this.description, this.dropped);
            this.dropped = 0;
        }
    }

    /** What became of an offered message. */
    public enum Offer {

        /** It waits for the handler. */
        QUEUED,

        /** Refused: the first of a streak, which the caller reports. */
        SLOW_CONSUMER,

        /** Refused, in a streak already reported. */
        DROPPED

    }

}
