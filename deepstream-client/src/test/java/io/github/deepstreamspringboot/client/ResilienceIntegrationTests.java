package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.client.event.EventSubscription;
import io.github.deepstreamspringboot.client.listen.ListenHandler;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions, listens, providers and presence across server restarts, and no lost emits across a cut connection,
 * against a real deepstream server.
 */
@EachWireProtocolAndTransport
class ResilienceIntegrationTests {

    private static final int RESTARTS = 20;

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder())
        .restartAfterEachTest();

    @RegisterExtension
    final TestClients clients;

    ResilienceIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.clients = new TestClients(server, protocol, transport);
    }

    @Test
    void everySubscriptionWorksAgainAfterEachOfTwentyServerRestartsWithoutDuplicates() throws Exception {
        String url = this.clients.url();
        DeepstreamClient watcher = this.clients.loggedIn(url, "watcher", TestClients.fastReconnects().build());
        DeepstreamClient peer = this.clients.loggedIn(url, "peer", TestClients.fastReconnects().build());
        List<Integer> events = new CopyOnWriteArrayList<>();
        List<String> found = new CopyOnWriteArrayList<>();
        List<String> joined = new CopyOnWriteArrayList<>();
        List<Integer> resubscribed = new CopyOnWriteArrayList<>();
        watcher.addResubscribeListener(() -> resubscribed.add(resubscribed.size()));
        watcher.event().subscribe("ticks", Integer.class, events::add).whenSubscribed().get(10, TimeUnit.SECONDS);
        watcher.event().listen("^lazy/.*", new ListenHandler() {

            @Override
            public boolean onSubscriptionFound(String name) {
                found.add(name);
                return true;
            }

        });
        watcher.presence().subscribe((user, online) -> {
            if (online && user.startsWith("visitor-")) {
                joined.add(user);
            }
        });
        watcher.rpc().provide("whoami", (request, response) -> response.send("watcher")).whenProvided()
            .get(10, TimeUnit.SECONDS);

        for (int round = 0; round < RESTARTS; round++) {
            if (round % 2 == 0) {
                server.server().kill();
            }
            else {
                server.server().stop();
            }
            server.server().start();
            int expectedReconnects = round + 1;
            await().atMost(WAIT).until(() -> watcher.getStatistics().getReconnects() == expectedReconnects
                    && peer.getStatistics().getReconnects() == expectedReconnects);
            // the provider is restored last, so once it answers, the watcher's other subscriptions are back too
            await().atMost(WAIT).ignoreExceptions().until(() -> "watcher".equals(
                    peer.rpc().make("whoami", null, String.class).get(5, TimeUnit.SECONDS)));

            peer.event().emit("ticks", round).get(10, TimeUnit.SECONDS);
            EventSubscription lazy = peer.event().subscribe("lazy/" + round, (data) -> {
            });
            DeepstreamClient visitor = this.clients.loggedIn(url, "visitor-" + round,
                    TestClients.fastReconnects().build());
            int current = round;
            await().atMost(WAIT).until(() -> events.contains(current) && found.contains("lazy/" + current)
                    && joined.contains("visitor-" + current));
            lazy.close();
            visitor.close();
        }

        List<Integer> all = IntStream.range(0, RESTARTS).boxed().toList();
        assertThat(events).containsExactlyElementsOf(all);
        assertThat(found).containsExactlyElementsOf(all.stream().map((round) -> "lazy/" + round).toList());
        assertThat(joined).containsExactlyElementsOf(all.stream().map((round) -> "visitor-" + round).toList());
        await().until(() -> resubscribed.size() == RESTARTS);
    }

    @Test
    void eventsEmittedWhileTheSendersConnectionIsCutArriveAfterwardsAllInOrder() throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.server().port())) {
            DeepstreamClient receiver = this.clients.loggedIn(this.clients.url(), "receiver",
                    TestClients.fastReconnects().build());
            DeepstreamClient sender = this.clients.loggedIn("ws://127.0.0.1:" + proxy.port(), "sender",
                    TestClients.fastReconnects().offlineQueueMaxSize(100).build());
            List<Integer> received = new CopyOnWriteArrayList<>();
            receiver.event().subscribe("seq", Integer.class, received::add).whenSubscribed().get(10,
                    TimeUnit.SECONDS);
            sender.event().emit("seq", -1).get(10, TimeUnit.SECONDS);
            await().until(() -> received.contains(-1));

            proxy.cut();
            await().atMost(WAIT).until(() -> sender.getConnectionState() != ConnectionState.OPEN);
            List<CompletableFuture<Void>> emits = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                emits.add(sender.event().emit("seq", i));
            }
            // 100 fit in the offline queue; the other 20 fail visibly
            await().atMost(WAIT).until(() -> emits.stream().filter(CompletableFuture::isCompletedExceptionally)
                .count() == 20);
            assertThat(emits.subList(100, 120)).allMatch(CompletableFuture::isCompletedExceptionally);
            assertThat(sender.getStatistics().getOfflineQueueRejected()).isEqualTo(20);
            assertThat(received).containsExactly(-1);

            proxy.restore();
            await().atMost(WAIT).until(() -> received.size() == 101);
            assertThat(received.subList(1, 101)).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
            assertThat(emits.subList(0, 100)).allMatch((emit) -> emit.isDone() && !emit.isCompletedExceptionally());
        }
    }

}
