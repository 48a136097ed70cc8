package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps repeated log lines of one kind from flooding the log: the first line of a kind is logged, the next ones
 * within the interval are only counted, and the first one after the interval is logged with that count. Listeners
 * and metrics are not affected; they see every event.
 *
 * <p><b>Thread model.</b> Thread-safe: mostly used on the event loop, and by callers whose sends the backlog
 * refuses.
 */
final class LogThrottle {

    /** How long repeated lines of one kind are counted instead of logged. */
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Supplier<Instant> clock;

    private final Map<String, Window> windows = new HashMap<>();

    LogThrottle(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /**
     * Decides whether a line of a kind is logged.
     * @param kind what makes lines repeats of each other
     * @return {@code null} to leave it out of the log (it is counted), else what to append to it: empty, or how many
     * lines of the kind were left out since the last one logged
     */
    synchronized String admit(String kind) {
        Instant now = this.clock.get();
        Window window = this.windows.get(kind);
        if (window != null && now.isBefore(window.start.plus(INTERVAL))) {
            window.suppressed++;
            return null;
        }
        this.windows.put(kind, new Window(now));
        return (window == null || window.suppressed == 0) ? ""
                : " (" + window.suppressed + " more like it since " + window.start + " were not logged)";
    }

    private static final class Window {

        private final Instant start;

        private long suppressed;

        Window(Instant start) {
            this.start = start;
        }

    }

}
