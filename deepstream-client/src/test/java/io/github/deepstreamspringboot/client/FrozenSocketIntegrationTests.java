package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.client.record.Record;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A socket that stops taking bytes (a frozen proxy: the connection stays open, nothing gets through). The event loop
 * never writes to the socket itself, so it keeps applying changes: every {@code Record.set} is visible to the next
 * {@code get} at once (were the loop stuck in a write, the set would give up waiting after 5 s and the read would see
 * the old value). Emits fill the kernel's buffers, then the backlog, and are then refused with
 * {@code OFFLINE_QUEUE_FULL}; the connection stays {@code OPEN}. Once the socket takes bytes again, everything that
 * was accepted is written.
 */
@EachTransport
class FrozenSocketIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    @RegisterExtension
    final TestClients clients;

    private final TransportType transport;

    FrozenSocketIntegrationTests(TransportType transport) {
        this.transport = transport;
        this.clients = new TestClients(server, WireProtocol.BINARY, transport);
    }

    /** @return options for a client of this test: the transport it runs on */
    private DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().transport(this.transport);
    }

    @Test
    void whileTheSocketTakesNoBytesWritesApplyAtOnceAndTheBoundRefusesVisibly() throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.server().port())) {
            DeepstreamClient client = this.clients.loggedIn("ws://127.0.0.1:" + proxy.port(), "writer",
                    options().backlogMaxSize(1024 * 1024).build());
            ClientRecorder recorder = new ClientRecorder(client);
            Record record = client.record().getRecord("frozen/doc").whenReady().get(10, TimeUnit.SECONDS);
            proxy.freeze();

            String payload = "x".repeat(10_000);
            List<CompletableFuture<Void>> accepted = new ArrayList<>();
            List<CompletableFuture<Void>> refused = new ArrayList<>();
            // 100 MB: far more than the kernel's socket buffers (a few MB here) and the 1 MiB bound together
            for (int i = 0; i < 10_000; i++) {
                CompletableFuture<Void> emit = client.event().emit("frozen/events", payload);
                (emit.isCompletedExceptionally() ? refused : accepted).add(emit);
                record.set("n", i);
                assertThat(record.get("n").intValue()).isEqualTo(i);
            }

            assertThat(refused).as("refused emits").hasSizeGreaterThan(accepted.size());
            assertThat(refused).allMatch((emit) -> kind(emit) == ErrorKind.OFFLINE_QUEUE_FULL);
            await().until(() -> recorder.errors().stream()
                .anyMatch((error) -> error.kind() == ErrorKind.OFFLINE_QUEUE_FULL));
            assertThat(accepted).as("accepted emits waiting for the socket").anyMatch((emit) -> !emit.isDone());
            assertThat(client.getConnectionState()).isEqualTo(ConnectionState.OPEN);

            proxy.thaw();
            await().atMost(Duration.ofSeconds(30))
                .until(() -> accepted.stream().allMatch((emit) -> emit.isDone() && !emit.isCompletedExceptionally()));
            record.setWithAck("n", -1).get(10, TimeUnit.SECONDS);
            assertThat(client.getConnectionState()).isEqualTo(ConnectionState.OPEN);
        }
    }

    private static ErrorKind kind(CompletableFuture<Void> refused) {
        return refused.handle((ignored, ex) -> ((DeepstreamException) ex).getKind()).join();
    }

}
