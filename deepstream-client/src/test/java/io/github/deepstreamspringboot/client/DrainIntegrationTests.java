package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.rpc.RpcException;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * {@link DeepstreamClient#drain(Duration)} against a real deepstream server: what was accepted before the drain (a
 * burst of emits, record writes with acknowledgement, a call being answered by a provider) arrives, providers stop
 * receiving calls at once, and what could not be finished in time is counted and failed, never dropped silently.
 */
@EachWireProtocolAndTransport
class DrainIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    @RegisterExtension
    final TestClients clients;

    DrainIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.clients = new TestClients(server, protocol, transport);
    }

    @Test
    void whatWasAcceptedBeforeTheDrainArrivesAndTheResultSaysSo() throws Exception {
        String prefix = "drain-" + System.nanoTime();
        DeepstreamClient receiver = this.clients.loggedIn("receiver");
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        receiver.event().subscribe(prefix, Integer.class, received::add).whenSubscribed().get(10, TimeUnit.SECONDS);
        DeepstreamClient leaving = this.clients.loggedIn("leaving");
        ClientRecorder recorder = new ClientRecorder(leaving);

        int events = 5_000;
        for (int i = 0; i < events; i++) {
            leaving.event().emit(prefix, i);
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writes.add(leaving.record().setDataWithAck(prefix + "/" + i, Map.of("n", i)));
        }
        // a call of its own to nobody: the drain waits for its answer (NO_RPC_PROVIDER) too
        CompletableFuture<JsonNode> call = leaving.rpc().make("nobody-" + prefix, null);
        DrainResult result = leaving.drain(WAIT).get(30, TimeUnit.SECONDS);

        assertThat(result.isComplete()).as(result.describeUnfinished()).isTrue();
        assertThat(leaving.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
        assertThat(leaving.isDraining()).isTrue();
        assertThat(writes).allSatisfy((write) -> assertThat(write).isCompleted());
        assertThat(call).isCompletedExceptionally();
        assertThat(catchThrowable(call::join)).hasCauseInstanceOf(RpcException.class);
        await().atMost(WAIT).until(() -> received.size() == events);
        for (int i = 0; i < 20; i++) {
            assertThat(receiver.record().snapshot(prefix + "/" + i).get(10, TimeUnit.SECONDS).get("n").intValue())
                .isEqualTo(i);
        }
        assertThat(recorder.errorKinds()).doesNotContain(ErrorKind.OFFLINE_QUEUE_FULL, ErrorKind.IS_CLOSED);
        // later calls return the first drain's outcome
        assertThat(leaving.drain(WAIT).get(10, TimeUnit.SECONDS)).isEqualTo(result);
    }

    @Test
    void aDrainWithdrawsProvidersAtOnceAndWaitsForTheAnswerInProgress() throws Exception {
        String name = "drain-rpc-" + System.nanoTime();
        DeepstreamClient leaving = this.clients.loggedIn("leaving");
        DeepstreamClient staying = this.clients.loggedIn("staying");
        DeepstreamClient caller = this.clients.loggedIn("caller");
        CountDownLatch inProgress = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        leaving.rpc().provide(name, (request, response) -> {
            inProgress.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            response.send("leaving");
        }).whenProvided().get(10, TimeUnit.SECONDS);
        CompletableFuture<JsonNode> first = caller.rpc().make(name, null);
        assertThat(inProgress.await(10, TimeUnit.SECONDS)).isTrue();
        staying.rpc().provide(name, (request, response) -> response.send("staying")).whenProvided()
            .get(10, TimeUnit.SECONDS);

        CompletableFuture<DrainResult> draining = leaving.drain(WAIT);
        // withdrawn before anything else: once the server has the withdrawal, every call goes to the other provider
        await().atMost(WAIT).until(() -> "staying".equals(caller.rpc().make(name, null).get(10, TimeUnit.SECONDS)
            .stringValue()));
        for (int i = 0; i < 20; i++) {
            assertThat(caller.rpc().make(name, null).get(10, TimeUnit.SECONDS).stringValue()).isEqualTo("staying");
        }
        assertThat(draining).isNotDone();
        release.countDown();
        assertThat(draining.get(30, TimeUnit.SECONDS).isComplete()).isTrue();
        assertThat(first.get(10, TimeUnit.SECONDS).stringValue()).isEqualTo("leaving");
    }

    @Test
    void whatIsLeftAtTheTimeoutIsCountedAndFailed() throws Exception {
        String name = "drain-stuck-" + System.nanoTime();
        DeepstreamClient leaving = this.clients.loggedIn("leaving");
        DeepstreamClient caller = this.clients.loggedIn("caller");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        leaving.rpc().provide(name, (request, response) -> {
            started.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }).whenProvided().get(10, TimeUnit.SECONDS);
        CompletableFuture<JsonNode> call = caller.rpc().make(name, null);
        await().atMost(WAIT).until(() -> started.get() == 1);

        DrainResult result = leaving.drain(Duration.ofMillis(300)).get(30, TimeUnit.SECONDS);
        release.countDown();

        assertThat(result.unfinished()).containsExactly(Map.entry(DrainResult.Work.RPC_RESPONSES, 1));
        assertThat(result.describeUnfinished()).isEqualTo("1 RPC requests not yet answered by a provider");
        assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        // the caller is not left hanging: the server times the call out once the provider's socket is gone
        assertThat(call).failsWithin(WAIT);
    }

    @Test
    void offlineMessagesThatCannotBeSentAreFailedWithIsClosedAndCounted() throws Exception {
        DeepstreamClient offline = this.clients.connecting("ws://127.0.0.1:1/deepstream",
                this.clients.options().build());
        List<CompletableFuture<Void>> emits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            emits.add(offline.event().emit("drain-offline", i));
        }
        DrainResult result = offline.drain(Duration.ofMillis(200)).get(30, TimeUnit.SECONDS);

        assertThat(result.unfinished()).containsExactly(Map.entry(DrainResult.Work.OUTGOING_MESSAGES, 3));
        assertThat(emits).allSatisfy((emit) -> assertThat(emit).failsWithin(Duration.ofSeconds(10))
            .withThrowableThat().havingRootCause().isInstanceOfSatisfying(DeepstreamException.class,
                    (ex) -> assertThat(ex.getKind()).isEqualTo(ErrorKind.IS_CLOSED)));
    }

}
