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

    /**
     * Reactor's mark of a thread that must never block, which Reactor Netty's event loops carry: the Netty transport's
     * connections live on them, and a WebFlux application calls the client from them. {@code null} without Reactor.
     */
    private static final Class<?> NON_BLOCKING = nonBlockingMark();

    /**
     * @return whether the calling thread belongs to a deepstream client, or is one of Reactor's non-blocking threads
     * (which may be the loop of the very connection whose backlog it would wait for)
     */
    public static boolean isCurrent() {
        Thread current = Thread.currentThread();
        return current instanceof ClientThread || VIRTUAL_CLIENT_THREAD.get() != null
                || (NON_BLOCKING != null && NON_BLOCKING.isInstance(current));
    }

    private static Class<?> nonBlockingMark() {
        try {
            return Class.forName("reactor.core.scheduler.NonBlocking", false, ClientThread.class.getClassLoader());
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
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
