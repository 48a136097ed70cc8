package io.github.deepstreamspringboot.interop;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.JsClientPeer;

/**
 * A Java client and a JavaScript client logged in to one server for an interop test, closed after it. Register as an
 * instance field with {@code @RegisterExtension}.
 */
final class JsInteropPeers implements AfterEachCallback {

    private final DeepstreamServerExtension server;

    private DeepstreamClient java;

    private JsClientPeer js;

    JsInteropPeers(DeepstreamServerExtension server) {
        this.server = server;
    }

    /** Logs in a Java client (user {@code java}) on the JSON endpoint and a JavaScript one (user {@code js}). */
    void connect() throws Exception {
        connect(this.server.server().jsonUrl(), DeepstreamOptions.defaults(), "java", "js");
    }

    void connect(String javaUrl, DeepstreamOptions options, String javaUser, String jsUser) throws Exception {
        closeBoth();
        this.java = DeepstreamClient.create(javaUrl, options);
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
