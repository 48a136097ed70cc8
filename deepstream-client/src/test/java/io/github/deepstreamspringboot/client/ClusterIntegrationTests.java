package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.deepstreamspringboot.client.record.MergeStrategy;
import io.github.deepstreamspringboot.client.record.Record;
import io.github.deepstreamspringboot.devserver.DeepstreamClusterExtension;
import io.github.deepstreamspringboot.devserver.JsClientPeer;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Our client on a real three-node deepstream cluster (Redis message bus and record cache), with the official
 * JavaScript client on another node as the other side.
 *
 * <p>What was observed on deepstream 7.0.2 with {@code @deepstream/clusternode-redis} 1.0.1 and
 * {@code @deepstream/cache-redis} 2.0.9, and what these tests rely on: events, RPC calls and record writes cross
 * nodes once the nodes know of one another (they announce themselves with a keep-alive every 5 s, so the first
 * messages after a node starts may not cross yet: the tests retry until they do, bounded); a record written through
 * one node is served by every node from the shared cache; presence is cluster-wide; a node killed with
 * {@code SIGKILL} drops its clients, which reconnect elsewhere and re-subscribe there; a record edited through
 * another node while a client was away conflicts by version on its return, as on one server.
 */
@EachTransport
class ClusterIntegrationTests {

    private static final Logger logger = LoggerFactory.getLogger(ClusterIntegrationTests.class);

    @RegisterExtension
    static final DeepstreamClusterExtension cluster = new DeepstreamClusterExtension(3);

    private final TransportType transport;

    ClusterIntegrationTests(TransportType transport) {
        this.transport = transport;
    }

    private DeepstreamClient onTheCluster(String user) throws Exception {
        DeepstreamClient client = DeepstreamClient.create(cluster.urls(),
                TestClients.fastReconnects().transport(this.transport).build());
        client.login(Map.of("username", user)).get(10, TimeUnit.SECONDS);
        return client;
    }

    private static LocalDeepstreamServer nodeOf(DeepstreamClient client) {
        int port = client.getServerUrl().uri().getPort();
        for (int i = 0; i < 3; i++) {
            if (cluster.node(i).port() == port) {
                return cluster.node(i);
            }
        }
        throw new IllegalStateException("the client is on no node of the cluster: " + client.getServerUrl());
    }

    @Test
    void whenItsNodeDiesTheClientGoesOnOnAnotherAndAPeerStillReachesIt() throws Exception {
        try (DeepstreamClient java = onTheCluster("java");
                JsClientPeer js = JsClientPeer.connect(cluster.node(2), "js")) {
            assertThat(nodeOf(java)).isSameAs(cluster.node(0));
            List<JsonNode> received = new CopyOnWriteArrayList<>();
            java.event().subscribe("news", received::add).whenSubscribed().get(10, TimeUnit.SECONDS);
            java.rpc().provide("java/echo", (request, response) -> response.send(request.data()))
                .whenProvided()
                .get(10, TimeUnit.SECONDS);
            js.call("subscribe", Map.of("name", "from-java"));

            cluster.node(0).kill();
            await().atMost(Duration.ofSeconds(20)).until(() -> java.getConnectionState() == ConnectionState.OPEN
                    && nodeOf(java) != cluster.node(0));

            // its subscription, restored on the new node, gets the peer's events
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                js.call("emit", Map.of("name", "news", "data", "after failover"));
                return !received.isEmpty();
            });
            // the peer reaches its provider and sees its events and record writes
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> "ping".equals(js.call("make", Map.of("name", "java/echo", "data", "ping")).stringValue()));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                java.event().emit("from-java", "hello");
                return js.notifications().stream().anyMatch((note) -> "from-java".equals(note.path("name").asString()));
            });
            // presence is cluster-wide: the peer on the third node sees it online after the failover
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode online = js.call("presenceGetAll", Map.of());
                return online.toString().contains("\"java\"");
            });
            java.record().setDataWithAck("cluster/after-failover", Map.of("by", "java")).get(10, TimeUnit.SECONDS);
            JsonNode seen = js.call("recordGet", Map.of("name", "cluster/after-failover"));
            assertThat(seen.path("data").path("by").asString()).isEqualTo("java");
        }
    }

    @Test
    void twentyFailoversLoseNoAcknowledgedRecordWriteAndDuplicateNone() throws Exception {
        // a short heartbeat interval makes each connection count as stable (back-off starts over) within a round, so
        // that every failover is a first attempt after a loss, which goes to the next node at once
        DeepstreamClient java = DeepstreamClient.create(cluster.urls(), TestClients.fastReconnects()
            .transport(this.transport)
            .heartbeatInterval(Duration.ofMillis(300))
            .build());
        java.login(Map.of("username", "rounds")).get(10, TimeUnit.SECONDS);
        // a record of this run's own: the cluster (and its Redis cache) serves every transport's run
        String name = "cluster/rounds/" + this.transport;
        try (java) {
            List<Long> millisToOpen = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                LocalDeepstreamServer current = nodeOf(java);
                current.kill();
                // from the moment the node is gone (kill returns once the process has exited)
                long killed = System.nanoTime();
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                    .until(() -> java.getConnectionState() == ConnectionState.OPEN && nodeOf(java) != current);
                millisToOpen.add((System.nanoTime() - killed) / 1_000_000);
                java.record().setDataWithAck(name, "r" + round, round).get(10, TimeUnit.SECONDS);
                // the killed node comes back on its port, so that there is always somewhere to go
                current.restart();
            }
            Collections.sort(millisToOpen);
            // a figure for docs/cluster.md, not an assertion: this machine is shared and noisy
            logger.info("failover: kill to OPEN on another node, ms: p50 {}, max {}", millisToOpen.get(10),
                    millisToOpen.get(19));
            try (DeepstreamClient reader = onTheCluster("reader")) {
                JsonNode rounds = reader.record().snapshot(name).get(10, TimeUnit.SECONDS);
                assertThat(rounds.properties()).hasSize(20);
                for (int round = 0; round < 20; round++) {
                    assertThat(rounds.path("r" + round).asInt()).isEqualTo(round);
                }
                // one version per write: none was sent twice across a failover
                assertThat(reader.record().head(name).get(10, TimeUnit.SECONDS)).isEqualTo(20);
            }
        }
    }

    @Test
    void aRecordEditedOnBothSidesWhileFailingOverConvergesOnEveryNodeByTheMergeStrategy() throws Exception {
        MergeStrategy union = (local, localVersion, remote, remoteVersion) -> {
            ObjectNode merged = ((ObjectNode) remote).deepCopy();
            merged.setAll((ObjectNode) local);
            merged.put("merged", true);
            return merged;
        };
        Map<String, MergeStrategy> strategies = Map.of("remote wins", MergeStrategy.REMOTE_WINS, "local wins",
                MergeStrategy.LOCAL_WINS, "union", union);
        for (Map.Entry<String, MergeStrategy> strategy : strategies.entrySet()) {
            String name = "cluster/conflict/" + System.nanoTime();
            // the client knows the first two nodes only; the peer is on the third
            DeepstreamClient java = DeepstreamClient.create(List.of(cluster.urls().get(0), cluster.urls().get(1)),
                    TestClients.fastReconnects().transport(this.transport).mergeStrategy(strategy.getValue()).build());
            try (java; JsClientPeer js = JsClientPeer.connect(cluster.node(2), "js")) {
                java.login(Map.of("username", "java")).get(10, TimeUnit.SECONDS);
                Record record = java.record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
                record.setWithAck(Map.of("start", true)).get(10, TimeUnit.SECONDS);
                js.call("recordSubscribe", Map.of("name", name));

                cluster.node(0).kill();
                cluster.node(1).kill();
                await().atMost(Duration.ofSeconds(10)).until(() -> java.getConnectionState() != ConnectionState.OPEN);
                CompletableFuture<Void> offlineEdit = record.setWithAck(Map.of("by", "java", "a", 1));
                js.call("recordSet", Map.of("name", name, "data", Map.of("by", "js", "b", 2)));
                cluster.node(1).restart();

                await().atMost(Duration.ofSeconds(30)).until(offlineEdit::isDone);
                JsonNode expected = switch (strategy.getKey()) {
                    case "remote wins" -> JsonMapper.builder().build().valueToTree(Map.of("by", "js", "b", 2));
                    case "local wins" -> JsonMapper.builder().build().valueToTree(Map.of("by", "java", "a", 1));
                    default -> JsonMapper.builder().build()
                        .valueToTree(Map.of("by", "java", "a", 1, "b", 2, "merged", true));
                };
                await().atMost(Duration.ofSeconds(30)).until(() -> record.get().equals(expected));
                // every node serves the same converged record, and the peer's copy agrees
                cluster.node(0).start();
                for (int node = 0; node < 3; node++) {
                    try (DeepstreamClient reader = DeepstreamClient.create(cluster.node(node).binaryUrl())) {
                        reader.login(Map.of("username", "reader")).get(10, TimeUnit.SECONDS);
                        assertThat(reader.record().snapshot(name).get(10, TimeUnit.SECONDS))
                            .as("%s on node %d", strategy.getKey(), node)
                            .isEqualTo(expected);
                    }
                }
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> js.call("recordGet", Map.of("name", name)).path("data").equals(expected));
            }
        }
    }

    @Test
    void withEveryNodeDownTheClientEndsOpenOnTheFirstOneBack() throws Exception {
        try (DeepstreamClient java = onTheCluster("patient")) {
            for (int i = 0; i < 3; i++) {
                cluster.node(i).kill();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> java.getConnectionState() != ConnectionState.OPEN);
            cluster.node(1).restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> java.getConnectionState() == ConnectionState.OPEN);
            assertThat(nodeOf(java)).isSameAs(cluster.node(1));
        }
    }

}
