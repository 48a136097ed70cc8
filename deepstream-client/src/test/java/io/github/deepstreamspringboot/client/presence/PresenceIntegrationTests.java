package io.github.deepstreamspringboot.client.presence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.EachWireProtocolAndTransport;
import io.github.deepstreamspringboot.client.TestClients;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence between Java clients on a real deepstream server with open auth (user id = username).
 */
@EachWireProtocolAndTransport
class PresenceIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    @RegisterExtension
    final TestClients clients;

    PresenceIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.clients = new TestClients(server, protocol, transport);
    }

    @Test
    void watchersSeeUsersComeAndGoAndQueriesAnswer() throws Exception {
        DeepstreamClient watcher = this.clients.loggedIn("watcher");
        List<String> everyone = new CopyOnWriteArrayList<>();
        List<String> carolOnly = new CopyOnWriteArrayList<>();
        watcher.presence().subscribe((user, online) -> everyone.add(user + (online ? "+" : "-")));
        watcher.presence().subscribe("carol", (user, online) -> carolOnly.add(user + (online ? "+" : "-")));
        await().until(() -> watcher.getStatistics().getMessagesReceived(
                io.github.deepstreamspringboot.client.Topic.PRESENCE) >= 2);

        DeepstreamClient carol = this.clients.loggedIn("carol");
        DeepstreamClient dave = this.clients.loggedIn("dave");
        await().until(() -> everyone.containsAll(List.of("carol+", "dave+")) && carolOnly.contains("carol+"));

        assertThat(watcher.presence().getAll().get(10, TimeUnit.SECONDS)).containsExactlyInAnyOrder("carol", "dave");
        assertThat(watcher.presence().getAll(List.of("carol", "erin")).get(10, TimeUnit.SECONDS))
            .isEqualTo(Map.of("carol", true, "erin", false));

        carol.close();
        await().until(() -> everyone.contains("carol-") && carolOnly.contains("carol-"));
        assertThat(carolOnly).containsExactly("carol+", "carol-");
        assertThat(everyone).doesNotContain("dave-");
        dave.close();
    }

}
