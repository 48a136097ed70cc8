package io.github.deepstreamspringboot.client.internal.connection;

/**
 * A thread of a client's own (its event loop, callback or handler threads): daemon, and recognisable, so that a
 * call made on it never waits for room in the {@link Backlog} that the same client must empty.
 *
 * <p><b>Thread model.</b> A plain thread; {@link #isCurrent()} may be asked from any thread.
 */
public final class ClientThread extends Thread {

    /**
     * Creates a daemon thread.
     * @param task what it runs
     * @param name its name
     */
    public ClientThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }

    /** @return whether the calling thread belongs to a deepstream client */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof ClientThread;
    }

}
