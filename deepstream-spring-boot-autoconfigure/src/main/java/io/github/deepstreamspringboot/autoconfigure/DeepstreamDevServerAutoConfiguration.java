package io.github.deepstreamspringboot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

/**
 * Starts a {@link LocalDeepstreamServer} for development when {@code deepstream.dev-server.enabled=true} and no
 * {@code deepstream.url} is set, before the client connects, and stops it as the last step of the application's shutdown (after the client has
 * drained and closed). The server runs out of the application's process group, so a terminal's Ctrl+C stops the
 * application first, not its server.
 * Provides the {@link DeepstreamConnectionDetails} that point the client at it. Needs {@code deepstream-local-server}
 * on the class path, which an application adds for development and tests.
 */
@AutoConfiguration(before = DeepstreamAutoConfiguration.class)
@ConditionalOnClass(LocalDeepstreamServer.class)
@ConditionalOnBooleanProperty(name = "deepstream.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("deepstream.dev-server.enabled")
@ConditionalOnExpression("'${deepstream.url:}'.isBlank()")
@EnableConfigurationProperties({ DeepstreamProperties.class, DeepstreamDevServerProperties.class })
@ImportRuntimeHints(DeepstreamDevServerRuntimeHints.class)
public final class DeepstreamDevServerAutoConfiguration {

    private static final Duration SHUTDOWN_HOOK_GRACE = Duration.ofSeconds(60);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LocalDeepstreamServer localDeepstreamServer(DeepstreamProperties properties,
            DeepstreamDevServerProperties devServer) {
        // the context closes the server as its last bean, once the client has drained: its own shutdown hook must
        // not kill it first (a Ctrl+C or SIGTERM starts both hooks at once). It waits for that close as long as a
        // shutdown can take (one phase's default timeout for the web server, the drain, margin), then acts alone.
        LocalDeepstreamServer.Builder builder = LocalDeepstreamServer.builder()
            .port(devServer.getPort())
            .shutdownHookGrace(SHUTDOWN_HOOK_GRACE.plus(properties.getShutdown().getDrainTimeout()));
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
            return (this.protocol == WireProtocol.JSON) ? this.server.jsonUrl() : this.server.binaryUrl();
        }

    }

}
