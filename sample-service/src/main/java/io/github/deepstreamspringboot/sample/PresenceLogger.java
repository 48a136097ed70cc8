package io.github.deepstreamspringboot.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Logs users coming online and going offline. The subscription survives reconnections.
 */
@Component
class PresenceLogger {

    private static final Logger logger = LoggerFactory.getLogger(PresenceLogger.class);

    private final DeepstreamClient client;

    PresenceLogger(DeepstreamClient client) {
        this.client = client;
    }

    @EventListener(ApplicationReadyEvent.class)
    void watchPresence() {
        this.client.presence().subscribe((user, online) -> logger.info("deepstream user {} is {}", user,
                online ? "online" : "offline"));
    }

}
