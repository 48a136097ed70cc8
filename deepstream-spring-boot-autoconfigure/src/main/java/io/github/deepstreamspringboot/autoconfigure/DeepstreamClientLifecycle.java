package io.github.deepstreamspringboot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Connects the client once the application has started, and drains and closes it when the context stops, after the
 * web server has finished its requests.
 *
 * <p><b>Start.</b> The connection starts on {@link ApplicationStartedEvent} (or {@link ApplicationReadyEvent},
 * whichever comes first), after Boot has logged "Started … in": opening the first socket loads and initialises the
 * WebSocket stack, a few hundred milliseconds of CPU in a fresh JVM that, started with the context, competed with the
 * rest of start-up (the starter added a median 295 ms to a web application's start-up time then, 128 ms now;
 * {@code StartupBenchmark}). Subscriptions made before are queued and sent once logged in, as always.
 *
 * <p><b>Stop.</b> Lifecycles stop from the highest phase down. The annotated handlers
 * ({@code DeepstreamHandlerRegistry}, default phase) are withdrawn first. The web server's graceful shutdown
 * ({@code DEFAULT_PHASE - 1024}) and its stop ({@code DEFAULT_PHASE - 2048}), servlet or reactive, come next, while
 * the client is still {@code OPEN}: a request being served can still emit, write and call. This lifecycle's phase,
 * {@value #PHASE} below the default, comes after them: it {@linkplain DeepstreamClient#drain(Duration) drains} the
 * client for at most the drain timeout ({@code deepstream.shutdown.drain-timeout}) and then closes it, without
 * blocking the thread that stops the context, and before any bean is destroyed (the local dev server last).
 *
 * <p><b>Thread model.</b> Thread-safe: Spring calls it from the thread that starts or closes the context, and
 * application events from the publishing thread; the flags are volatile.
 */
public final class DeepstreamClientLifecycle implements SmartLifecycle, ApplicationListener<SpringApplicationEvent> {

    /** How far below {@link SmartLifecycle#DEFAULT_PHASE} this lifecycle runs: below the web server's stop. */
    public static final int PHASE = 4096;

    private final DeepstreamClient client;

    private final Duration drainTimeout;

    private volatile boolean running;

    private volatile boolean stopped;

    /**
     * Creates a lifecycle for a client.
     * @param client the client
     * @param drainTimeout the longest the client drains on stop before it closes
     */
    public DeepstreamClientLifecycle(DeepstreamClient client, Duration drainTimeout) {
        this.client = client;
        this.drainTimeout = drainTimeout;
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

    /** Drains and closes the client, and returns once it is closed (Spring itself calls {@link #stop(Runnable)}). */
    @Override
    public void stop() {
        drain().join();
    }

    @Override
    public void stop(Runnable callback) {
        // the drain reports what it could not deliver itself; the callback runs once the client is closed
        drain().whenComplete((result, failure) -> callback.run());
    }

    private CompletableFuture<?> drain() {
        this.stopped = true;
        this.running = false;
        return this.client.drain(this.drainTimeout);
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
