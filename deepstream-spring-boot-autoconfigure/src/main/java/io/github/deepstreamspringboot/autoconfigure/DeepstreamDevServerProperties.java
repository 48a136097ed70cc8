package io.github.deepstreamspringboot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the local deepstream server for development ({@code deepstream.dev-server.*}), started
 * before the client connects and stopped on shutdown. Apart from {@link DeepstreamProperties} because the server is a
 * module of its own ({@code deepstream-local-server}) that applications add for development and tests.
 */
@ConfigurationProperties("deepstream.dev-server")
public class DeepstreamDevServerProperties {

    /**
     * Whether to start a local deepstream server for development (needs Node.js 18+ with npm) when
     * deepstream.url is not set; the client then connects to it. With deepstream.auth.username and
     * deepstream.auth.password set, the server accepts exactly that user; otherwise it runs open auth.
     */
    private boolean enabled;

    /**
     * Port of the local server; 0 picks a free port.
     */
    private int port;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getPort() {
        return this.port;
    }

    public void setPort(int port) {
        this.port = port;
    }

}
