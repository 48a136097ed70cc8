package io.github.deepstreamspringboot.client.connection;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ContainerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;
import io.github.deepstreamspringboot.devserver.TlsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nagle's algorithm goes off on the sockets of the Tomcat version we ship with, plain and TLS: fails when an upgrade
 * moves the private fields {@link TomcatNoDelay} reads, which would otherwise only make the client slower.
 */
class TomcatNoDelayIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    @RegisterExtension
    static final TlsServerExtension tls = new TlsServerExtension();

    @Test
    void plainSocketSendsWithoutDelay() throws Exception {
        StandardWebSocketClient client = new StandardWebSocketClient(ContainerProvider.getWebSocketContainer());
        assertNoDelay(client, server.server().binaryUrl());
    }

    @Test
    void tlsSocketSendsWithoutDelay() throws Exception {
        StandardWebSocketClient client = new StandardWebSocketClient(ContainerProvider.getWebSocketContainer());
        client.setSslContext(tls.certificates().trustingTheCa());
        assertNoDelay(client, tls.server().binaryUrl());
    }

    private static void assertNoDelay(StandardWebSocketClient client, String url) throws Exception {
        WebSocketSession session = client.execute(new AbstractWebSocketHandler() {
        }, null, URI.create(url)).get(10, TimeUnit.SECONDS);
        try {
            assertThat(TomcatNoDelay.apply(session)).isTrue();
        }
        finally {
            session.close();
        }
    }

}
