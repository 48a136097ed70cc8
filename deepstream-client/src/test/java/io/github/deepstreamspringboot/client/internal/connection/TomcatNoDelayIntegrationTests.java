package io.github.deepstreamspringboot.client.internal.connection;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ContainerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;
import io.github.deepstreamspringboot.devserver.TlsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nagle's algorithm goes off on the sockets of the Tomcat version we ship with, plain and TLS: fails when an upgrade
 * moves the private fields {@link TomcatNoDelay} reads, which would otherwise only make the client slower. Another
 * container's session is left as it is, without a failure.
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

    @Test
    void anotherContainersSessionIsLeftAsItIs() {
        // not Tomcat's: the fields are not there, and the socket keeps what the container gave it, without a failure
        StandardWebSocketSession session = new StandardWebSocketSession(null, null, null, null);
        session.initializeNativeSession((jakarta.websocket.Session) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { jakarta.websocket.Session.class },
                (proxy, method, arguments) -> List.class.equals(method.getReturnType()) ? List.of()
                        : Map.class.equals(method.getReturnType()) ? Map.of() : null));
        assertThat(TomcatNoDelay.apply(session)).isFalse();
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
