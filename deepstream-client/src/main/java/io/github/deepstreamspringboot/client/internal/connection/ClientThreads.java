package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one client, all daemons: its event loop ({@code deepstream-N-loop}), which owns the connection's
 * state; its callback thread ({@code deepstream-N-callbacks}), on which every listener, callback and returned future
 * runs, in order; and the pool of its handlers ({@code deepstream-N-handler-*}), each handler on a serial executor of
 * its own. (Socket writes run on the transport's writer pool, shared by all clients.) With
 * {@code DeepstreamOptions.virtualThreads()} the callbacks and the handlers run on virtual threads of those names
 * instead (the callbacks still on one at a time); the loop is a platform thread either way, since it must never be
 * pinned or parked behind user code.
 *
 * <p><b>Thread model.</b> Created once; {@link #stop()} is called once, from the client's closing thread.
 */
final class ClientThreads {

    private static final Logger logger = LoggerFactory.getLogger(ClientThreads.class);

    /** The longest {@link #stop()} waits for the loop, and for the callbacks. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final EventLoop loop;

    private final Executor callbacks;

    private final Executor handlers;

    private volatile Thread callbackThread;

    /**
     * Threads given by the caller, for tests: a manual loop, and callbacks and handlers run directly.
     * @param loop the event loop
     * @param callbacks runs listeners and completes futures
     * @param handlers runs handlers
     */
    ClientThreads(EventLoop loop, Executor callbacks, Executor handlers) {
        this.loop = loop;
        this.callbacks = callbacks;
        this.handlers = handlers;
    }

    private ClientThreads(String name, boolean virtual) {
        this.loop = new ThreadEventLoop(name + "-loop");
        ThreadFactory callbackThreads = virtual ? ClientThread.virtualFactory(name + "-callbacks")
                : (runnable) -> new ClientThread(runnable, name + "-callbacks");
        this.callbacks = Executors.newSingleThreadExecutor((runnable) -> {
            Thread thread = callbackThreads.newThread(runnable);
            this.callbackThread = thread;
            return thread;
        });
        AtomicInteger handlerThreads = new AtomicInteger();
        this.handlers = Executors.newCachedThreadPool(virtual ? ClientThread.virtualFactory(name + "-handler-")
                : (runnable) -> new ClientThread(runnable, name + "-handler-" + handlerThreads.incrementAndGet()));
    }

    /**
     * Starts the threads of a client.
     * @param name the client's name, {@code deepstream-N}
     * @param virtual whether callbacks and handlers run on virtual threads (Java 21+)
     * @return the threads
     */
    static ClientThreads start(String name, boolean virtual) {
        return new ClientThreads(name, virtual);
    }

    EventLoop loop() {
        return this.loop;
    }

    Executor callbacks() {
        return this.callbacks;
    }

    Executor handlers() {
        return this.handlers;
    }

    /** @return whether the calling thread is the callback thread */
    boolean isCallbackThread() {
        return Thread.currentThread() == this.callbackThread;
    }

    /**
     * Stops the loop, then the callbacks (waiting a bounded time for each) and the handlers: those may block, so
     * they get a moment and are then interrupted; nothing they do can reach the server any more.
     */
    void stop() {
        if (!this.loop.shutdown(SHUTDOWN_TIMEOUT)) {
            logger.warn("deepstream connection loop did not stop within {}", SHUTDOWN_TIMEOUT);
        }
        try {
            if (this.handlers instanceof ExecutorService pool) {
                pool.shutdown();
            }
            if (this.callbacks instanceof ExecutorService pool) {
                pool.shutdown();
                if (!pool.awaitTermination(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    logger.warn("deepstream callbacks did not finish within {}", SHUTDOWN_TIMEOUT);
                }
            }
            if (this.handlers instanceof ExecutorService pool && !pool.awaitTermination(1, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
