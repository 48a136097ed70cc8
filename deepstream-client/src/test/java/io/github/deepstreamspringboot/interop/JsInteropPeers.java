package io.github.deepstreamspringboot.interop;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.JsClientPeer;

/**
 * A Java client and a JavaScript client logged in to one server for an interop test, closed after it. Register as an
 * instance field with {@code @RegisterExtension}.
 */
final class JsInteropPeers implements AfterEachCallback {

    private final DeepstreamServerExtension server;

    private final WireProtocol protocol;

    private final TransportType transport;

    private DeepstreamClient java;

    private JsClientPeer js;

    JsInteropPeers(DeepstreamServerExtension server, WireProtocol protocol, TransportType transport) {
        this.server = server;
        this.protocol = protocol;
        this.transport = transport;
    }

    /** @return options for another Java client: the transport of the test */
    DeepstreamOptions options() {
        return DeepstreamOptions.builder().transport(this.transport).build();
    }

    /** @return the URL of the endpoint the Java client speaks to */
    String javaUrl() {
        return this.server.url(this.protocol);
    }

    /**
     * Logs in a Java client (user {@code java}) on the endpoint of the test's protocol and a JavaScript one (user
     * {@code js}), which always speaks binary.
     */
    void connect() throws Exception {
        connect(javaUrl(), DeepstreamOptions.defaults(), "java", "js");
    }

    void connect(String javaUrl, DeepstreamOptions options, String javaUser, String jsUser) throws Exception {
        closeBoth();
        this.java = DeepstreamClient.create(javaUrl, options.toBuilder().transport(this.transport).build());
        this.java.login(Map.of("username", javaUser)).get(10, TimeUnit.SECONDS);
        this.js = JsClientPeer.connect(this.server.server(), jsUser);
    }

    /** Sets a Java client made by the test, to be closed with the rest. */
    void java(DeepstreamClient client) {
        this.java = client;
    }

    /** Starts the JavaScript client alone. */
    void connectJs(String jsUser) {
        this.js = JsClientPeer.connect(this.server.server(), jsUser);
    }

    DeepstreamClient java() {
        return this.java;
    }

    JsClientPeer js() {
        return this.js;
    }

    /** Closes the JavaScript client now (for presence tests). */
    void closeJs() {
        if (this.js != null) {
            this.js.close();
            this.js = null;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeBoth();
    }

    private void closeBoth() {
        if (this.java != null) {
            this.java.close();
            this.java = null;
        }
        closeJs();
    }

}
