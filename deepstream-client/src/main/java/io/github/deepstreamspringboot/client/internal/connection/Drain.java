package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.deepstreamspringboot.client.DrainResult;

/**
 * One drain of a connection: tells every topic handler to stop taking in work, then watches, on the event loop,
 * until what was accepted is finished (the backlog written, writes acknowledged, calls answered, requests answered by
 * the providers) or the timeout has passed. It does not close: its caller closes once it completes. What was left is
 * logged once, at WARN, with a count per kind.
 *
 * <p><b>Thread model.</b> Started from any thread; everything else runs on the event loop. The result completes on
 * the loop (callers hop off it).
 */
final class Drain {

    private static final Logger logger = LoggerFactory.getLogger(Drain.class);

    /**
     * How often the pending work is counted. Counting is cheap (a few sizes), and polling keeps the drain out of
     * every feature's completion paths.
     */
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(10);

    private final ConnectionEngine engine;

    private final Backlog backlog;

    private final EventLoop loop;

    private final CompletableFuture<DrainResult> result = new CompletableFuture<>();

    private Instant started;

    private Instant deadline;

    Drain(ConnectionEngine engine, Backlog backlog, EventLoop loop) {
        this.engine = engine;
        this.backlog = backlog;
        this.loop = loop;
    }

    /** @return completes with what was left, on the loop; at once with nothing left if the loop is gone */
    CompletableFuture<DrainResult> result() {
        return this.result;
    }

    /** @param timeout the longest the drain waits for pending work */
    void start(Duration timeout) {
        boolean scheduled = this.engine.runOnLoop(() -> {
            this.started = this.loop.now();
            this.deadline = this.started.plus(timeout);
            this.engine.topicHandlers().forEach(TopicHandler::onDrain);
            logger.info("deepstream client draining: providers, listens and subscriptions withdrawn; waiting up to "
                    + "{} ms for what was accepted", timeout.toMillis());
            check();
        });
        if (!scheduled) {
            this.result.complete(new DrainResult(Duration.ZERO, Map.of()));
        }
    }

    private void check() {
        Map<DrainResult.Work, Integer> pending = new EnumMap<>(DrainResult.Work.class);
        pending.put(DrainResult.Work.OUTGOING_MESSAGES, this.backlog.messages());
        this.engine.topicHandlers().forEach((handler) -> handler.countPending(pending));
        DrainResult now = new DrainResult(Duration.between(this.started, this.loop.now()), pending);
        // a closed client has failed whatever it held: nothing more will finish
        if (now.isComplete() || !this.loop.now().isBefore(this.deadline)
                || this.engine.getConnectionState().isTerminal()) {
            if (now.isComplete()) {
                logger.info("deepstream client drained in {} ms, nothing left", now.took().toMillis());
            }
            else {
                logger.warn("deepstream client drained for {} ms and closes with work left: {}",
                        now.took().toMillis(), now.describeUnfinished());
            }
            this.result.complete(now);
            return;
        }
        this.loop.schedule(this::check, CHECK_INTERVAL);
    }

}
