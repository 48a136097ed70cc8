package io.github.deepstreamspringboot.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

/**
 * Starts a {@link LocalDeepstreamServer} for development when {@code deepstream.dev-server.enabled=true} and no
 * {@code deepstream.url} is set, before the client connects, and stops it on shutdown (after the client closed).
 * Provides the {@link DeepstreamConnectionDetails} that point the client at it.
 */
@AutoConfiguration(before = DeepstreamAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "deepstream.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("deepstream.dev-server.enabled")
@ConditionalOnExpression("'${deepstream.url:}'.isBlank()")
@EnableConfigurationProperties(DeepstreamProperties.class)
public final class DeepstreamDevServerAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LocalDeepstreamServer localDeepstreamServer(DeepstreamProperties properties) {
        LocalDeepstreamServer.Builder builder = LocalDeepstreamServer.builder().port(properties.getDevServer().getPort());
        Map<String, String> auth = properties.getAuth();
        if (auth.get("username") != null && auth.get("password") != null) {
            builder.user(auth.get("username"), auth.get("password"));
        }
        return builder.build().start();
    }

    @Bean
    @ConditionalOnMissingBean(DeepstreamConnectionDetails.class)
    DevServerDeepstreamConnectionDetails deepstreamConnectionDetails(LocalDeepstreamServer server,
            DeepstreamProperties properties) {
        return new DevServerDeepstreamConnectionDetails(server, properties.getProtocol());
    }

    /**
     * The local server's binary endpoint, as on a stock server; its JSON endpoint when {@code deepstream.protocol}
     * is {@code json}.
     */
    static final class DevServerDeepstreamConnectionDetails implements DeepstreamConnectionDetails {

        private final LocalDeepstreamServer server;

        private final WireProtocol protocol;

        DevServerDeepstreamConnectionDetails(LocalDeepstreamServer server, WireProtocol protocol) {
            this.server = server;
            this.protocol = protocol;
        }

        @Override
        public String getUrl() {
            return this.server.url(this.protocol);
        }

    }

}
