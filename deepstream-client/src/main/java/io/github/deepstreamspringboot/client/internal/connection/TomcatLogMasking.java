package io.github.deepstreamspringboot.client.internal.connection;

import java.util.logging.Filter;
import java.util.logging.Logger;

import io.github.deepstreamspringboot.client.ServerUrl;

/**
 * Masks secrets in the one Tomcat log line that prints the WebSocket URL as given ("Connecting endpoint … to [uri]",
 * java.util.logging, FINE), so that an {@code apiKey} in the URL reaches no log even with Tomcat at its finest level.
 * It installs a filter on that one logger, which rewrites the record and keeps any filter the application set; levels
 * and handlers stay as the application configured them, and no logging bridge is installed.
 *
 * <p><b>Thread model.</b> {@link #install()} is idempotent and thread-safe; the filter is stateless.
 */
final class TomcatLogMasking {

    /** Held strongly: java.util.logging keeps loggers only weakly, and a collected logger would lose the filter. */
    private static final Logger CONTAINER_LOGGER = Logger.getLogger("org.apache.tomcat.websocket.WsWebSocketContainer");

    private static boolean installed;

    private TomcatLogMasking() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        Filter previous = CONTAINER_LOGGER.getFilter();
        CONTAINER_LOGGER.setFilter((record) -> {
            if (record.getMessage() != null) {
                record.setMessage(ServerUrl.maskSecrets(record.getMessage()));
            }
            return previous == null || previous.isLoggable(record);
        });
        installed = true;
    }

}
