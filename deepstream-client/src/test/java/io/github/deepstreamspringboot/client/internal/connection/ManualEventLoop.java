package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * An {@link EventLoop} whose time stands still until a test advances it; tasks run on the test's thread, in due-time
 * order, only inside {@link #runPending()} and {@link #advance(Duration)}. Not thread-safe.
 */
public final class ManualEventLoop implements EventLoop {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparing(Task::due).thenComparingLong(Task::sequence));

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private long sequence;

    @Override
    public void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Task scheduled = new Task(this.now.plus(delay), this.sequence++, task, new boolean[1]);
        this.tasks.add(scheduled);
        return () -> scheduled.cancelled()[0] = true;
    }

    @Override
    public Instant now() {
        return this.now;
    }

    @Override
    public boolean inEventLoop() {
        return true;
    }

    @Override
    public boolean shutdown(Duration timeout) {
        return true;
    }

    /** Runs every task that is due now, including ones those tasks add for now. */
    public void runPending() {
        advance(Duration.ZERO);
    }

    /** Moves time forward, running each task when its time comes. */
    public void advance(Duration duration) {
        Instant target = this.now.plus(duration);
        Task next;
        while ((next = this.tasks.peek()) != null && !next.due().isAfter(target)) {
            this.tasks.poll();
            if (next.due().isAfter(this.now)) {
                this.now = next.due();
            }
            if (!next.cancelled()[0]) {
                next.task().run();
            }
        }
        this.now = target;
    }

    private record Task(Instant due, long sequence, Runnable task, boolean[] cancelled) {
    }

}
