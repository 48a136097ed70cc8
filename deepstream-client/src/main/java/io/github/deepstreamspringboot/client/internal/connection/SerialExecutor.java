package io.github.deepstreamspringboot.client.internal.connection;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool. Each event handler and RPC provider gets one, so a
 * handler sees its messages in order while a handler that blocks holds up only itself. Thread-safe.
 */
public final class SerialExecutor implements Executor {

    private static final Logger logger = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;

    private final Queue<Runnable> tasks = new ArrayDeque<>();

    private boolean running;

    /**
     * Creates a serial executor.
     * @param pool the shared pool that runs the tasks
     */
    public SerialExecutor(Executor pool) {
        this.pool = pool;
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

}
