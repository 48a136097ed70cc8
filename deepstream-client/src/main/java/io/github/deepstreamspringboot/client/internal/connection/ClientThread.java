package io.github.deepstreamspringboot.client.internal.connection;

import java.util.concurrent.ThreadFactory;

import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * A thread of a client's own (its event loop, callback or handler threads): daemon, and recognisable, so that a
 * call made on it never waits for room in the {@link Backlog} that the same client must empty. The client's virtual
 * threads, which cannot be of this class, are recognised by a thread-local mark that each sets when it starts.
 *
 * <p><b>Thread model.</b> A plain thread; {@link #isCurrent()} may be asked from any thread.
 */
public final class ClientThread extends Thread {

    /** Set on the client's virtual threads, for their whole life. */
    private static final ThreadLocal<Boolean> VIRTUAL_CLIENT_THREAD = new ThreadLocal<>();

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
        return Thread.currentThread() instanceof ClientThread || VIRTUAL_CLIENT_THREAD.get() != null;
    }

    /**
     * Makes virtual threads (Java 21+; Spring's {@link VirtualThreadTaskExecutor} holds the Java 21 code) that
     * {@link #isCurrent()} recognises.
     * @param prefix their names' prefix, followed by a number from 0
     * @return the factory
     */
    static ThreadFactory virtualFactory(String prefix) {
        ThreadFactory virtual = new VirtualThreadTaskExecutor(prefix).getVirtualThreadFactory();
        return (task) -> virtual.newThread(() -> {
            VIRTUAL_CLIENT_THREAD.set(Boolean.TRUE);
            task.run();
        });
    }

}
