package io.github.deepstreamspringboot.devserver;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The JVM shutdown hook that keeps a server's node process from outliving the JVM. When an owner stops the server as
 * part of its own shutdown (a Spring application closes it as its last bean, after its client has drained), the
 * hook must not race that owner: it first waits up to a grace period for {@link #closed()}, and acts only if nobody
 * closed the server by then (a JVM that is dying). Without a grace period (plain Java) it acts at once.
 *
 * <p><b>Thread model.</b> {@link #register}, {@link #closed} and {@link #unregister} are called under the server's
 * lock; the hook itself runs on its own thread at JVM shutdown and reads nothing but its own latch.
 */
final class ServerShutdownHook {

    private final Duration grace;

    /** Counted down by {@link #closed()}; a new one for each registration, since a closed server may start again. */
    private CountDownLatch closed = new CountDownLatch(1);

    private Thread thread;

    /**
     * @param grace how long the hook waits for the owner to close the server; zero acts at once
     */
    ServerShutdownHook(Duration grace) {
        this.grace = grace;
    }

    /**
     * Registers the hook once.
     * @param cleanUp kills the process and deletes the server's files
     */
    void register(Runnable cleanUp) {
        if (this.thread != null) {
            return;
        }
        CountDownLatch ownerClosed = new CountDownLatch(1);
        this.closed = ownerClosed;
        this.thread = new Thread(() -> {
            if (!this.grace.isZero()) {
                try {
                    if (ownerClosed.await(this.grace.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            cleanUp.run();
        }, "deepstream-server-shutdown");
        Runtime.getRuntime().addShutdownHook(this.thread);
    }

    /** The owner closed the server: a hook already waiting returns, and a later one is not needed. */
    void closed() {
        this.closed.countDown();
    }

    /** Removes the hook, unless the JVM is already shutting down (then it finds the latch counted down). */
    void unregister() {
        if (this.thread == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(this.thread);
        }
        catch (IllegalStateException ex) {
            // the JVM is shutting down: the hook runs anyway and returns, the server being closed
        }
        this.thread = null;
    }

}
