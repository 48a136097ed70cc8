package io.github.deepstreamspringboot.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import io.github.deepstreamspringboot.client.DeepstreamClient;

/**
 * Logs the client in once the application is ready, without waiting: the application runs even while the server is
 * down, and the login goes out as soon as the client reaches the server. The result is logged (never the
 * credentials) and published as a {@link DeepstreamLoginEvent} by {@link DeepstreamApplicationEventsCustomizer}.
 */
public final class DeepstreamStartupLogin implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger logger = LoggerFactory.getLogger(DeepstreamStartupLogin.class);

    private final DeepstreamClient client;

    /**
     * Creates the listener.
     * @param client the client to log in
     */
    public DeepstreamStartupLogin(DeepstreamClient client) {
        this.client = client;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        this.client.login().whenComplete((result, failure) -> {
            if (failure != null) {
                logger.warn("deepstream login to {} failed: {}", this.client.getServerUrl(), failure.getMessage());
            }
            else if (result.success()) {
                logger.info("deepstream login to {} succeeded", this.client.getServerUrl());
            }
            else {
                logger.warn("deepstream login to {} was refused by the server{}", this.client.getServerUrl(),
                        (result.clientData() != null) ? " (reason: " + result.clientData() + ")" : "");
            }
        });
    }

}
