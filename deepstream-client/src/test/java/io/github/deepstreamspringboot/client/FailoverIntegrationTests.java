package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.JsClientPeer;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client given two nodes, each a real deepstream server on its own loopback port (not yet a cluster: the nodes
 * share no state, so this proves the failover path and the re-sync on the new node, not record convergence). The
 * other side is the official JavaScript client on the node the client fails over to.
 */
@EachTransport
class FailoverIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension first = new DeepstreamServerExtension(LocalDeepstreamServer.builder())
        .restartAfterEachTest();

    @RegisterExtension
    static final DeepstreamServerExtension second = new DeepstreamServerExtension(LocalDeepstreamServer.builder())
        .restartAfterEachTest();

    private final TransportType transport;

    FailoverIntegrationTests(TransportType transport) {
        this.transport = transport;
    }

    private DeepstreamClient failingOver() throws Exception {
        DeepstreamClient client = DeepstreamClient.create(
                List.of(first.server().binaryUrl(), second.server().binaryUrl()),
                TestClients.fastReconnects().transport(this.transport).build());
        client.login(Map.of("username", "java")).get(10, TimeUnit.SECONDS);
        assertThat(client.getServerUrl().uri().getPort()).isEqualTo(first.server().port());
        return client;
    }

    @Test
    void whenItsNodeDiesTheClientIsOpenOnTheNextWithItsSubscriptionsAndProvidersRestored() throws Exception {
        try (DeepstreamClient client = failingOver()) {
            List<JsonNode> received = new CopyOnWriteArrayList<>();
            client.event().subscribe("news", received::add).whenSubscribed().get(10, TimeUnit.SECONDS);
            client.rpc().provide("java/echo", (request, response) -> response.send(request.data()))
                .whenProvided()
                .get(10, TimeUnit.SECONDS);

            first.server().kill();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.getConnectionState() == ConnectionState.OPEN
                    && client.getServerUrl().uri().getPort() == second.server().port());
            assertThat(client.getLastStateChange().reason()).doesNotContain(String.valueOf(first.server().port()));

            try (JsClientPeer js = JsClientPeer.connect(second.server(), "js")) {
                // the re-subscription may still be on its way: emit until it arrives, then exactly once more
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    js.call("emit", Map.of("name", "news", "data", "after failover"));
                    return !received.isEmpty();
                });
                assertThat(received.get(0).stringValue()).isEqualTo("after failover");
                JsonNode answer = js.call("make", Map.of("name", "java/echo", "data", "ping"));
                assertThat(answer.stringValue()).isEqualTo("ping");
            }
        }
    }

    @Test
    void withEveryNodeDownTheClientEndsOpenOnTheFirstOneBack() throws Exception {
        try (DeepstreamClient client = failingOver()) {
            first.server().kill();
            second.server().kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() != ConnectionState.OPEN);
            second.server().restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
            assertThat(client.getServerUrl().uri().getPort()).isEqualTo(second.server().port());
        }
    }

}
