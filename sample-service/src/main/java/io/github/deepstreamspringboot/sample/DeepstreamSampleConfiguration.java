package io.github.deepstreamspringboot.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

/**
 * Wires the deepstream client by hand until the starter's auto-configuration exists: a local server when no
 * {@code deepstream.url} is set, a client that logs its state changes, and a login once the application is ready.
 */
@Configuration(proxyBeanMethods = false)
class DeepstreamSampleConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(DeepstreamSampleConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${deepstream.url:}'.isEmpty()")
    LocalDeepstreamServer localDeepstreamServer() {
        return LocalDeepstreamServer.builder().build().start();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DeepstreamClient deepstreamClient(Environment environment, ObjectProvider<LocalDeepstreamServer> localServer) {
        String url = environment.getProperty("deepstream.url");
        if (url == null) {
            url = localServer.getObject().jsonUrl();
        }
        DeepstreamClient client = DeepstreamClient.create(url);
        client.addConnectionStateListener((change) -> logger.info("deepstream {} -> {} ({})", change.previous(),
                change.current(), change.reason()));
        client.addErrorListener((error) -> logger.warn("deepstream error {}: {}", error.kind(), error.message()));
        return client;
    }

    @EventListener(ApplicationReadyEvent.class)
    void login(ApplicationReadyEvent event) {
        DeepstreamClient client = event.getApplicationContext().getBean(DeepstreamClient.class);
        client.login().whenComplete((result, failure) -> {
            if (failure != null) {
                logger.warn("deepstream login failed: {}", failure.getMessage());
            }
            else {
                logger.info("deepstream login {}", result.success() ? "succeeded" : "was refused");
            }
        });
    }

}
