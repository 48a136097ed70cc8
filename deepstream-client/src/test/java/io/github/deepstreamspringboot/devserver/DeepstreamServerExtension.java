package io.github.deepstreamspringboot.devserver;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.deepstreamspringboot.client.WireProtocol;

/**
 * Runs a {@link LocalDeepstreamServer} for one test class: started before all tests, stopped after. Register it as a
 * {@code static} field with {@code @RegisterExtension}. A test that stops or kills the server must start it again
 * (the extension does so in {@code beforeEach} only when asked to, see {@link #restartAfterEachTest()}).
 */
public final class DeepstreamServerExtension implements BeforeAllCallback, AfterAllCallback,
        org.junit.jupiter.api.extension.BeforeEachCallback {

    private final LocalDeepstreamServer server;

    private boolean ensureRunningBeforeEach;

    /**
     * Creates an extension for the described server.
     * @param builder the server's description
     */
    public DeepstreamServerExtension(LocalDeepstreamServer.Builder builder) {
        this.server = builder.build();
    }

    /**
     * Makes sure the server runs before every test, for classes whose tests stop or kill it.
     * @return this extension
     */
    public DeepstreamServerExtension restartAfterEachTest() {
        this.ensureRunningBeforeEach = true;
        return this;
    }

    /** @return the server */
    public LocalDeepstreamServer server() {
        return this.server;
    }

    /**
     * @param protocol the protocol; {@code AUTO} means the stock binary endpoint
     * @return the URL of the server's endpoint that speaks it
     */
    public String url(WireProtocol protocol) {
        return (protocol == WireProtocol.JSON) ? this.server.jsonUrl() : this.server.binaryUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        this.server.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (this.ensureRunningBeforeEach && !this.server.isRunning()) {
            this.server.start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        this.server.close();
    }

}
