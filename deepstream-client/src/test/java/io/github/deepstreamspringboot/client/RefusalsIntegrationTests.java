package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.client.listen.ListenHandler;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Every request the server's permissions refuse fails with the refusal as soon as it arrives, on a real server whose
 * permission file denies everything. The request timeouts are minutes, and the waits here seconds: a request that
 * failed only by its timeout fails these tests.
 */
@EachWireProtocolAndTransport
class RefusalsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder()
        .permissions(Map.of("presence", Map.of("*", Map.of("allow", false)),
                "record", Map.of("*", Map.of("create", false, "write", false, "read", false, "delete", false,
                        "listen", false, "notify", false)),
                "event", Map.of("*", Map.of("publish", false, "subscribe", false, "listen", false)),
                "rpc", Map.of("*", Map.of("provide", false, "request", false)))));

    private static final DeepstreamOptions PATIENT = DeepstreamOptions.builder()
        .requestTimeout(Duration.ofMinutes(5))
        .rpcTimeout(Duration.ofMinutes(5))
        .build();

    @RegisterExtension
    final TestClients clients;

    private final List<DeepstreamError> errors = new CopyOnWriteArrayList<>();

    RefusalsIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.clients = new TestClients(server, protocol, transport);
    }

    private DeepstreamClient client() throws Exception {
        DeepstreamClient client = this.clients.loggedIn("refused", PATIENT);
        client.addErrorListener(this.errors::add);
        return client;
    }

    private static void assertRefused(CompletableFuture<?> request) {
        Throwable failure = catchThrowable(() -> request.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(failure).as("refused at once, not by a timeout").hasCauseInstanceOf(DeepstreamException.class);
        assertThat(((DeepstreamException) failure.getCause()).getKind()).isEqualTo(ErrorKind.MESSAGE_DENIED);
    }

    private void awaitReported(Topic topic, String name) {
        await().atMost(WAIT).until(() -> this.errors.stream().anyMatch((error) -> error.kind()
                == ErrorKind.MESSAGE_DENIED && error.topic() == topic && (name == null || name.equals(error.name()))));
    }

    @Test
    void presenceQueriesFailWithTheRefusal() throws Exception {
        DeepstreamClient client = client();
        assertRefused(client.presence().getAll());
        assertRefused(client.presence().getAll(List.of("alice", "bob")));
        // a later query is still answered in order: the refusal took the right one
        assertRefused(client.presence().getAll());
        client.presence().subscribe("alice", (user, online) -> { });
        awaitReported(Topic.PRESENCE, "alice");
    }

    @Test
    void recordRequestsFailWithTheRefusal() throws Exception {
        DeepstreamClient client = client();
        assertRefused(client.record().snapshot("denied/r"));
        assertRefused(client.record().head("denied/r"));
        assertRefused(client.record().has("denied/r"));
        assertRefused(client.record().setDataWithAck("denied/r", Map.of("a", 1)));
        // no eraseDataWithAck here: deepstream 7.0.2 checks no permission for ERASE, and acknowledges it
        assertRefused(client.record().getRecord("denied/r").whenReady());
        await().atMost(WAIT).until(() -> client.record().openRecords() == 0);
        client.record().listen("^denied/.*", (ListenHandler) (match) -> true);
        awaitReported(Topic.RECORD, "^denied/.*");
    }

    @Test
    void rpcCallsAndProvidersFailWithTheRefusal() throws Exception {
        DeepstreamClient client = client();
        assertRefused(client.rpc().make("denied-fn", 1));
        assertRefused(client.rpc().provide("denied-fn", (request, response) -> response.send(2)).whenProvided());
    }

    @Test
    void eventSubscriptionsAndListensAreRefused() throws Exception {
        DeepstreamClient client = client();
        assertRefused(client.event().subscribe("denied-event", (data) -> { }).whenSubscribed());
        client.event().listen("^denied-.*", (ListenHandler) (match) -> true);
        awaitReported(Topic.EVENT, "^denied-.*");
        client.event().emit("denied-event", 1).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        awaitReported(Topic.EVENT, "denied-event");
    }

}
