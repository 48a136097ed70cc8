package io.github.deepstreamspringboot.client.internal.connection;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.slf4j.LoggerFactory;

/**
 * Keeps Tomcat's WebSocket client from logging a WARNING with a stack trace ("Write to the remote endpoint failed …
 * Broken pipe", java.util.logging) each time a server dies. When Tomcat's reader finds the socket gone, it answers
 * with a close frame of its own, whose write then fails; the connection already reports the loss (as a
 * {@code CONNECTION_ERROR}, once, summarised when repeated), so that failure is only logged here, as one DEBUG line
 * through SLF4J. It installs a filter on that one Tomcat logger, for records with an {@link IOException} among
 * their causes only, and keeps any filter the application set; levels, handlers and every other record stay as they
 * were, and no logging bridge is installed.
 *
 * <p><b>Thread model.</b> {@link #install()} is idempotent and thread-safe; the filter runs on Tomcat's I/O threads
 * and only counts and logs.
 */
final class TomcatDeadPeerWarnings {

    /** Held strongly: java.util.logging keeps loggers only weakly, and a collected logger would lose the filter. */
    private static final Logger WRITER_LOGGER = Logger
        .getLogger("org.apache.tomcat.websocket.WsRemoteEndpointImplClient");

    private static final org.slf4j.Logger logger = LoggerFactory.getLogger(TomcatDeadPeerWarnings.class);

    private static final AtomicLong suppressed = new AtomicLong();

    private static boolean installed;

    private TomcatDeadPeerWarnings() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        Filter previous = WRITER_LOGGER.getFilter();
        WRITER_LOGGER.setFilter((record) -> {
            if (isDeadPeerWrite(record)) {
                suppressed.incrementAndGet();
                logger.debug("Tomcat could not write to a WebSocket peer that is gone: {}", rootMessage(record));
                return false;
            }
            return previous == null || previous.isLoggable(record);
        });
        installed = true;
    }

    /** @return how many such records were kept out of the log, for tests */
    static long suppressed() {
        return suppressed.get();
    }

    private static boolean isDeadPeerWrite(LogRecord record) {
        if (record.getLevel().intValue() > Level.WARNING.intValue()) {
            return false;
        }
        for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(LogRecord record) {
        Throwable root = record.getThrown();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

}
