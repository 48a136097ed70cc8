package io.github.deepstreamspringboot.autoconfigure;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Connects the client once the application has started and closes it when the context stops. The connection starts
 * on {@link ApplicationStartedEvent} (or {@link ApplicationReadyEvent}, whichever comes first), after Boot has logged
 * "Started … in": opening the first socket loads and initialises the WebSocket stack, a few hundred milliseconds of
 * CPU in a fresh JVM that, started with the context, competed with the rest of start-up (the starter added a median
 * 295 ms to a web application's start-up time then, 128 ms now; {@code StartupBenchmark}). Subscriptions made
 * before are queued and sent once logged in, as always. Its phase,
 * {@value #PHASE} below the default, starts it just before the annotated handlers are registered and stops it just
 * after they are withdrawn, and still before the web server's graceful shutdown and before the context's executors go
 * away. Thread-safe.
 */
public final class DeepstreamClientLifecycle implements SmartLifecycle, ApplicationListener<SpringApplicationEvent> {

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
        this.running = true;
    }

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (this.running && (event instanceof ApplicationStartedEvent || event instanceof ApplicationReadyEvent)) {
            // does nothing if already connecting (the second event, or a login made meanwhile)
            this.client.connect();
        }
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
