package io.github.deepstreamspringboot.autoconfigure;

import org.springframework.context.SmartLifecycle;

import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Connects the client when the context starts and closes it when the context stops. Its phase,
 * {@value #PHASE} below the default, starts it just before the annotated handlers are registered and stops it just
 * after they are withdrawn, and still before the web server's graceful shutdown and before the context's executors go
 * away. Thread-safe.
 */
public final class DeepstreamClientLifecycle implements SmartLifecycle {

    /** How far below {@link SmartLifecycle#DEFAULT_PHASE} this lifecycle runs. */
    public static final int PHASE = 512;

    private final DeepstreamClient client;

    private volatile boolean running;

    private volatile boolean stopped;

    /**
     * Creates a lifecycle for a client.
     * @param client the client
     */
    public DeepstreamClientLifecycle(DeepstreamClient client) {
        this.client = client;
    }

    @Override
    public void start() {
        this.client.connect();
        this.running = true;
    }

    @Override
    public void stop() {
        this.stopped = true;
        this.running = false;
        this.client.close();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE - PHASE;
    }

    /**
     * Whether the context has stopped the client, so that a closed client is expected rather than a failure.
     * @return {@code true} once {@link #stop()} ran
     */
    public boolean isStopped() {
        return this.stopped;
    }

}
