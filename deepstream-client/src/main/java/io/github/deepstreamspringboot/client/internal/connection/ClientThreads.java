package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p>With the Reactor Netty transport the loop is one of Reactor Netty's, shared with other clients, and (without
 * virtual threads) the callbacks and handlers run on pools shared by all such clients ({@code deepstream-callbacks-*},
 * {@code deepstream-handler-*}), the callbacks of each client still one at a time and in order: a client then has no
 * thread of its own.
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

    /** Whether the callbacks and handlers run on the pools shared by all clients of the JVM. */
    private final boolean sharedPools;

    private volatile Thread callbackThread;

    /** Set while a callback of a client on the shared pools runs: the client whose callback it is. */
    private static final ThreadLocal<ClientThreads> CALLBACKS_OF = new ThreadLocal<>();

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
        this.sharedPools = false;
    }

    private ClientThreads(String name, boolean virtual, EventLoop loop) {
        if (loop != null && !virtual) {
            // a loop shared with other clients: the callbacks and handlers share pools too, so that a client adds
            // no thread of its own
            this.loop = loop;
            SerialExecutor serial = new SerialExecutor(SharedPools.CALLBACKS, Integer.MAX_VALUE, name + " callbacks");
            this.callbacks = (task) -> serial.execute(() -> runAsCallback(task));
            this.handlers = SharedPools.HANDLERS;
            this.sharedPools = true;
            return;
        }
        this.loop = (loop != null) ? loop : new ThreadEventLoop(name + "-loop");
        this.sharedPools = false;
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

    private void runAsCallback(Runnable task) {
        CALLBACKS_OF.set(this);
        try {
            task.run();
        }
        finally {
            CALLBACKS_OF.remove();
        }
    }

    /**
     * Starts the threads of a client.
     * @param name the client's name, {@code deepstream-N}
     * @param virtual whether callbacks and handlers run on virtual threads (Java 21+)
     * @param loop the transport's event loop, or {@code null} to start a loop thread of the client's own
     * @return the threads
     */
    static ClientThreads start(String name, boolean virtual, EventLoop loop) {
        return new ClientThreads(name, virtual, loop);
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
        return Thread.currentThread() == this.callbackThread || CALLBACKS_OF.get() == this;
    }

    /**
     * Stops the loop, then the callbacks (waiting a bounded time for each) and the handlers: those may block, so
     * they get a moment and are then interrupted; nothing they do can reach the server any more.
     */
    void stop() {
        if (!this.loop.shutdown(SHUTDOWN_TIMEOUT)) {
            logger.warn("deepstream connection loop did not stop within {}", SHUTDOWN_TIMEOUT);
        }
        if (this.sharedPools) {
            awaitCallbacks();
            return;
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

    /** On the shared pools: waits for the callbacks queued so far, which run before a marker queued after them. */
    private void awaitCallbacks() {
        CountDownLatch done = new CountDownLatch(1);
        this.callbacks.execute(done::countDown);
        try {
            if (!done.await(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("deepstream callbacks did not finish within {}", SHUTDOWN_TIMEOUT);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The callback and handler threads of the clients whose loops are shared (Reactor Netty's): daemons, created on
     * demand and ended after 30 s idle, so that idle clients hold none. Each client's callbacks still run one at a
     * time and in order ({@link SerialExecutor}), and each handler on a serial executor of its own.
     */
    private static final class SharedPools {

        static final Executor CALLBACKS = pool("deepstream-callbacks-");

        static final Executor HANDLERS = pool("deepstream-handler-");

        private static Executor pool(String prefix) {
            AtomicInteger threads = new AtomicInteger();
            return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    (task) -> new ClientThread(task, prefix + threads.incrementAndGet()));
        }

    }

}
