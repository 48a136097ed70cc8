package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Closing against a real deepstream server: {@code closeAsync()} completes once the server has been told (the
 * WebSocket closing handshake), and closing never hangs on a server that stopped answering.
 */
@EachWireProtocolAndTransport
class CloseIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    @RegisterExtension
    final TestClients clients;

    private final WireProtocol protocol;

    private final TransportType transport;

    CloseIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.protocol = protocol;
        this.transport = transport;
        this.clients = new TestClients(server, protocol, transport);
    }

    /** @return options for a client of this test: the transport it runs on */
    private DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().transport(this.transport);
    }

    @Test
    void whenCloseReturnsTheServerHasAlreadyForgottenTheClient() throws Exception {
        assertForgottenOnceClosed("leaving-", DeepstreamClient::close);
    }

    @Test
    void whenCloseAsyncCompletesTheServerHasForgottenTheClient() throws Exception {
        assertForgottenOnceClosed("leaving-async-", (leaving) -> {
            CompletableFuture<Void> closing = leaving.closeAsync();
            assertThat(leaving.closeAsync()).isSameAs(closing);
            closing.get(10, TimeUnit.SECONDS);
        });
    }

    /** Another client's presence queries, made once the closing is over, see the user offline within 500 ms. */
    private void assertForgottenOnceClosed(String userPrefix, Closing closing) throws Exception {
        DeepstreamClient watcher = this.clients.loggedIn("watcher");
        for (int round = 0; round < 5; round++) {
            String user = userPrefix + round;
            DeepstreamClient leaving = DeepstreamClient.create(this.clients.url(), options().build());
            leaving.login(Map.of("username", user)).get(10, TimeUnit.SECONDS);
            assertThat(watcher.presence().getAll().get(10, TimeUnit.SECONDS)).contains(user);
            closing.close(leaving);
            assertThat(leaving.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
            // polled, not slept
            await().atMost(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(20)).until(
                    () -> !watcher.presence().getAll().get(10, TimeUnit.SECONDS).contains(user));
        }
    }

    /** One way of closing a client. */
    @FunctionalInterface
    interface Closing {

        void close(DeepstreamClient client) throws Exception;

    }

    @Test
    void closeDoesNotHangWhenTheServerNoLongerAnswers() throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.server().port())) {
            DeepstreamClient client = DeepstreamClient.create("ws://127.0.0.1:" + proxy.port(),
                    options().protocol(this.protocol).build());
            client.login().get(10, TimeUnit.SECONDS);
            // the link stays open but nothing gets through: the server's side of the closing handshake never comes
            proxy.freeze();
            assertTimeoutPreemptively(Duration.ofSeconds(15), client::close,
                    "close() must be bounded when the server does not answer");
            assertThat(client.closeAsync()).isCompleted();
            assertThat(client.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
        }
    }

}
