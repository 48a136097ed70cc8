package io.github.deepstreamspringboot.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.github.deepstreamspringboot.autoconfigure.DeepstreamConnectionStateChangedEvent;
import io.github.deepstreamspringboot.autoconfigure.DeepstreamLoginEvent;
import io.github.deepstreamspringboot.client.ConnectionStateChange;

/**
 * Logs the deepstream connection's state changes and logins, as any application can with {@code @EventListener}.
 */
@Component
class ConnectionEventsLogger {

    private static final Logger logger = LoggerFactory.getLogger(ConnectionEventsLogger.class);

    @EventListener
    void onStateChanged(DeepstreamConnectionStateChangedEvent event) {
        ConnectionStateChange change = event.getChange();
        if (change.reconnectDelay() != null) {
            logger.info("deepstream {} -> {} ({}); attempt {} in {}", change.previous(), change.current(),
                    change.reason(), change.reconnectAttempt(), change.reconnectDelay());
        }
        else {
            logger.info("deepstream {} -> {} ({})", change.previous(), change.current(), change.reason());
        }
    }

    @EventListener
    void onLogin(DeepstreamLoginEvent event) {
        logger.info("deepstream login {}{}", event.getResult().success() ? "succeeded" : "was refused",
                event.getResult().automatic() ? " (automatic, after reconnection)" : "");
    }

}
