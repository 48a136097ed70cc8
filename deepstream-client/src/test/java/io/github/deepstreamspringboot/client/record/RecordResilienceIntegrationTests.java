package io.github.deepstreamspringboot.client.record;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.EachWireProtocolAndTransport;
import io.github.deepstreamspringboot.client.TcpProxy;
import io.github.deepstreamspringboot.client.TestClients;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records across server restarts and cut connections, against a real deepstream server (which keeps records in
 * memory only, so a restart loses them and the clients bring them back).
 */
@EachWireProtocolAndTransport
class RecordResilienceIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder())
        .restartAfterEachTest();

    @RegisterExtension
    final TestClients clients;

    RecordResilienceIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.clients = new TestClients(server, protocol, transport);
    }

    @Test
    void recordSubscriptionKeepsFiringAfterTwentyServerRestarts() throws Exception {
        String name = "restarts/" + System.nanoTime();
        // after each restart both clients bring the lost record back at the same time; the writer's merge strategy
        // keeps its own write should the two race
        DeepstreamClient writer = this.clients.loggedIn("writer", TestClients.fastReconnects().mergeStrategy(MergeStrategy.LOCAL_WINS)
            .build());
        DeepstreamClient reader = this.clients.loggedIn("reader", TestClients.fastReconnects().build());
        Record written = writer.record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
        Record read = reader.record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        read.subscribe("round", Integer.class, seen::add, false);

        for (int round = 0; round < 20; round++) {
            server.server().kill();
            server.server().start();
            long reconnects = round + 1;
            await().atMost(WAIT).until(() -> writer.getStatistics().getReconnects() == reconnects
                    && reader.getStatistics().getReconnects() == reconnects);
            written.setWithAck("round", round).get(10, TimeUnit.SECONDS);
            int current = round;
            await().atMost(WAIT).until(() -> seen.contains(current));
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        await().atMost(WAIT).until(() -> read.get().equals(written.get()) && read.version() == written.version());
    }

    @Test
    void offlineEditsAreWrittenWhenNobodyElseChangedTheRecord() throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.server().port())) {
            String name = "offline/" + System.nanoTime();
            DeepstreamClient online = this.clients.loggedIn("online", TestClients.fastReconnects().build());
            DeepstreamClient offline = this.clients.loggedIn("ws://127.0.0.1:" + proxy.port(), "offline",
                    TestClients.fastReconnects().build());
            Record onlineRecord = online.record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
            Record offlineRecord = offline.record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
            onlineRecord.setWithAck(Map.of("count", 1)).get(10, TimeUnit.SECONDS);
            await().until(() -> offlineRecord.version() == 1);

            proxy.cut();
            await().atMost(WAIT).until(() -> offline.getConnectionState() != ConnectionState.OPEN);
            CompletableFuture<Void> edit = offlineRecord.setWithAck("count", 2);
            assertThat(offlineRecord.get("count").intValue()).isEqualTo(2);
            proxy.restore();

            edit.get(20, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> onlineRecord.get().equals(offlineRecord.get())
                    && onlineRecord.version() == offlineRecord.version());
            assertThat(onlineRecord.get("count").intValue()).isEqualTo(2);
        }
    }

    @Test
    void offlineEditAgainstAnOnlineEditReconcilesByStrategyAndBothEndIdentical() throws Exception {
        for (MergeStrategy strategy : List.of(MergeStrategy.REMOTE_WINS, MergeStrategy.LOCAL_WINS)) {
            try (TcpProxy proxy = new TcpProxy(server.server().port())) {
                String name = "conflict/" + System.nanoTime();
                DeepstreamOptions options = TestClients.fastReconnects().mergeStrategy(strategy).build();
                DeepstreamClient online = this.clients.loggedIn("online", options);
                DeepstreamClient offline = this.clients.loggedIn("ws://127.0.0.1:" + proxy.port(), "offline",
                        options);
                Record onlineRecord = online.record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
                Record offlineRecord = offline.record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);

                proxy.cut();
                await().atMost(WAIT).until(() -> offline.getConnectionState() != ConnectionState.OPEN);
                CompletableFuture<Void> offlineEdit = offlineRecord.setWithAck(Map.of("by", "offline"));
                onlineRecord.setWithAck(Map.of("by", "online")).get(10, TimeUnit.SECONDS);
                proxy.restore();

                String winner = (strategy == MergeStrategy.REMOTE_WINS) ? "online" : "offline";
                await().atMost(WAIT).until(offlineEdit::isDone);
                assertThat(offlineEdit.isCompletedExceptionally()).isEqualTo(strategy == MergeStrategy.REMOTE_WINS);
                await().atMost(WAIT).until(() -> onlineRecord.get().equals(offlineRecord.get())
                        && onlineRecord.version() == offlineRecord.version());
                assertThat(onlineRecord.get("by").asString()).isEqualTo(winner);
                JsonNode onServer = online.record().snapshot(name).get(10, TimeUnit.SECONDS);
                assertThat(onServer).isEqualTo(onlineRecord.get());
            }
        }
    }

}
