package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;

/**
 * One serial queue of tasks and timers: everything a connection does runs here, one task at a time, so its state
 * needs no locks. Tests replace it with a manual loop whose time they advance.
 */
public interface EventLoop {

    /**
     * Runs a task on the loop, after the tasks already queued.
     * @param task the task
     * @throws RejectedExecutionException once the loop is shut down
     */
    void execute(Runnable task);

    /**
     * Runs a task on the loop after a delay.
     * @param task the task
     * @param delay the delay (zero runs it as soon as possible)
     * @return a handle to cancel the task; once the loop is shut down the task is dropped
     */
    Cancellable schedule(Runnable task, Duration delay);

    /**
     * Returns the loop's current time.
     * @return the time
     */
    Instant now();

    /**
     * Whether the calling thread is the loop's own.
     * @return {@code true} on the loop thread
     */
    boolean inEventLoop();

    /**
     * Stops accepting tasks, runs the ones already queued (not the delayed ones) and waits for them.
     * @param timeout the longest wait
     * @return whether the loop finished within the timeout
     */
    boolean shutdown(Duration timeout);

    /**
     * Cancels a scheduled task.
     */
    @FunctionalInterface
    interface Cancellable {

        /** Cancels the task if it has not run yet; does nothing otherwise. */
        void cancel();

    }

}
