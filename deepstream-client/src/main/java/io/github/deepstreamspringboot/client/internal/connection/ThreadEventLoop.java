package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link EventLoop}: one daemon thread that runs plain tasks from a lock-free queue and timers from a
 * heap only it touches, parking when there is nothing to do. Plain tasks are by far the most frequent (every send and
 * every received frame is one), so they pay for no delay ordering and no lock; a general-purpose scheduled executor
 * put each of them through a locked delay queue. A task that throws is logged and does not stop the loop. Once shut
 * down, {@link #schedule} arms nothing (delayed tasks are dropped at shutdown anyway) and {@link #execute} rejects.
 *
 * <p><b>Thread model.</b> {@link #execute}, {@link #schedule}, cancelling and {@link #shutdown} may be called from any
 * thread; everything else happens on the loop's own thread.
 */
public final class ThreadEventLoop implements EventLoop {

    private static final Logger logger = LoggerFactory.getLogger(ThreadEventLoop.class);

    /** Plain tasks run between two looks at the timers, so that a flood of tasks does not starve them. */
    private static final int TASKS_PER_TIMER_CHECK = 64;

    /** Cancelled timers stay in the heap until due; past this many, and half of the heap, they are swept out. */
    private static final int SWEEP_THRESHOLD = 1024;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();

    private final AtomicInteger cancelledTimers = new AtomicInteger();

    private final Clock clock = Clock.systemUTC();

    private final Thread thread;

    private final CountDownLatch terminated = new CountDownLatch(1);

    private volatile boolean sleeping;

    private volatile boolean shuttingDown;

    /** Set by the loop once it takes no more tasks; a task that arrives after that is taken back and rejected. */
    private volatile boolean stopped;

    private long timerSequence;

    /**
     * Creates a loop and starts its thread.
     * @param threadName the thread's name
     */
    public ThreadEventLoop(String threadName) {
        this.thread = new ClientThread(this::run, threadName);
        this.thread.start();
    }

    @Override
    public void execute(Runnable task) {
        if (this.shuttingDown) {
            throw new RejectedExecutionException("the event loop is shut down");
        }
        this.tasks.offer(task);
        if (this.stopped && this.tasks.remove(task)) {
            throw new RejectedExecutionException("the event loop is shut down");
        }
        if (this.sleeping) {
            LockSupport.unpark(this.thread);
        }
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Timer timer = new Timer(task, System.nanoTime() + delay.toNanos());
        try {
            if (inEventLoop()) {
                arm(timer);
            }
            else {
                execute(() -> arm(timer));
            }
        }
        catch (RejectedExecutionException ex) {
            // shutting down: delayed tasks would be dropped anyway, so a timer armed now has nothing left to do
        }
        return timer;
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
        this.shuttingDown = true;
        LockSupport.unpark(this.thread);
        if (inEventLoop()) {
            return false;
        }
        try {
            return this.terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void arm(Timer timer) {
        timer.sequence = this.timerSequence++;
        this.timers.add(timer);
    }

    private void run() {
        try {
            while (!this.shuttingDown) {
                runDueTimers();
                runQueuedTasks();
                sleepUntilWork();
            }
            // what was queued before the shutdown still runs; timers are dropped
            this.stopped = true;
            runQueuedTasks();
        }
        finally {
            this.terminated.countDown();
        }
    }

    private void runQueuedTasks() {
        int ran = 0;
        Runnable task;
        while ((task = this.tasks.poll()) != null) {
            guarded(task);
            if (++ran % TASKS_PER_TIMER_CHECK == 0 && !this.stopped) {
                runDueTimers();
            }
        }
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        Timer next;
        while ((next = this.timers.peek()) != null && next.deadline - now <= 0) {
            this.timers.poll();
            if (!next.cancelled) {
                next.cancelled = true;
                guarded(next.task);
            }
            else {
                this.cancelledTimers.decrementAndGet();
            }
        }
        int cancelled = this.cancelledTimers.get();
        if (cancelled > SWEEP_THRESHOLD && cancelled > this.timers.size() / 2) {
            this.timers.removeIf((timer) -> timer.cancelled);
            this.cancelledTimers.set(0);
        }
    }

    private void sleepUntilWork() {
        this.sleeping = true;
        // looked at again after announcing the sleep: a task offered meanwhile is seen here or unparks us
        if (this.tasks.isEmpty() && !this.shuttingDown) {
            Timer next = this.timers.peek();
            if (next == null) {
                LockSupport.park(this);
            }
            else {
                LockSupport.parkNanos(this, next.deadline - System.nanoTime());
            }
        }
        this.sleeping = false;
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        }
        catch (RuntimeException | Error ex) {
            logger.error("Unexpected failure in the deepstream connection loop", ex);
        }
    }

    /** A delayed task, ordered by deadline and then by arming order. */
    private final class Timer implements Cancellable, Comparable<Timer> {

        private final Runnable task;

        private final long deadline;

        private long sequence;

        /** Set once it ran or was cancelled; read by the loop, written by any thread. */
        private volatile boolean cancelled;

        Timer(Runnable task, long deadline) {
            this.task = task;
            this.deadline = deadline;
        }

        @Override
        public void cancel() {
            if (!this.cancelled) {
                this.cancelled = true;
                ThreadEventLoop.this.cancelledTimers.incrementAndGet();
            }
        }

        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(this.deadline - other.deadline, 0);
            return (byDeadline != 0) ? byDeadline : Long.compare(this.sequence, other.sequence);
        }

    }

}
