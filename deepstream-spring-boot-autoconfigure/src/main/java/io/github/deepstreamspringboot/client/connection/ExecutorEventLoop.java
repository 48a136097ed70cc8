package io.github.deepstreamspringboot.client.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link EventLoop}: one daemon thread of a {@link ScheduledThreadPoolExecutor}. A task that throws is
 * logged and does not stop the loop. Once shut down, {@link #schedule} arms nothing (delayed tasks are dropped at
 * shutdown anyway) and {@link #execute} rejects.
 */
public final class ExecutorEventLoop implements EventLoop {

    private static final Logger logger = LoggerFactory.getLogger(ExecutorEventLoop.class);

    private final ScheduledThreadPoolExecutor executor;

    private final Clock clock;

    private volatile Thread thread;

    /**
     * Creates a loop with its own thread.
     * @param threadName the thread's name
     */
    public ExecutorEventLoop(String threadName) {
        this.clock = Clock.systemUTC();
        this.executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
            Thread created = new Thread(runnable, threadName);
            created.setDaemon(true);
            this.thread = created;
            return created;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        this.executor.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> future = this.executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        }
        catch (RejectedExecutionException ex) {
            // shutting down: delayed tasks would be dropped anyway, so a timer armed now has nothing left to do
            return () -> {
            };
        }
    }

    @Override
    public Instant now() {
        return this.clock.instant();
    }

    @Override
    public boolean inEventLoop() {
        return Thread.currentThread() == this.thread;
    }

    @Override
    public boolean shutdown(Duration timeout) {
        this.executor.shutdown();
        if (inEventLoop()) {
            return false;
        }
        try {
            return this.executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            }
            catch (RuntimeException | Error ex) {
                logger.error("Unexpected failure in the deepstream connection loop", ex);
            }
        };
    }

}
