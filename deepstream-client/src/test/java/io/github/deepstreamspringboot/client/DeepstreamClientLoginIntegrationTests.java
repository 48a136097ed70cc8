package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Login, refusal, too many attempts, close and large frames against a real deepstream server with file auth.
 */
@EachWireProtocolAndTransport
class DeepstreamClientLoginIntegrationTests {

    private static final String BIG_VALUE = "x".repeat(20_000);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder()
        .user("userA", "password", Map.of("favouriteColor", "red"))
        .user("bigData", "password", Map.of("blob", BIG_VALUE))
        .maxAuthAttempts(3));

    private final WireProtocol protocol;

    private final TransportType transport;

    DeepstreamClientLoginIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.protocol = protocol;
        this.transport = transport;
    }

    /** @return options for a client of this test: the transport it runs on */
    private DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().transport(this.transport);
    }

    private DeepstreamClient client;

    @AfterEach
    void closeClient() {
        if (this.client != null) {
            this.client.close();
        }
    }

    private DeepstreamClient connect() {
        this.client = DeepstreamClient.create(server.url(this.protocol), options().build());
        return this.client;
    }

    @Test
    void loginWithValidCredentialsOpensAndReturnsClientData() throws Exception {
        DeepstreamClient client = connect();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> client.getConnectionState() == ConnectionState.AWAITING_AUTHENTICATION);
        LoginResult result = client.login(Map.of("username", "userA", "password", "password"))
            .get(10, TimeUnit.SECONDS);
        assertThat(result.success()).isTrue();
        assertThat(result.clientData().get("favouriteColor").stringValue()).isEqualTo("red");
        assertThat(client.getConnectionState()).isEqualTo(ConnectionState.OPEN);
    }

    @Test
    void clientDataOfTheFirstLoginIsToldOnceAndNotAgainWhenAReLoginBringsTheSame() throws Exception {
        this.client = DeepstreamClient.create(server.url(this.protocol), options()
            .autoConnect(false)
            .reconnectIntervalIncrement(Duration.ofMillis(100))
            .build());
        DeepstreamClient client = this.client;
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        client.addClientDataListener((data) -> told.add(data.get("favouriteColor").stringValue()));
        ClientRecorder recorder = new ClientRecorder(client);
        client.login(Map.of("username", "userA", "password", "password")).get(10, TimeUnit.SECONDS);
        await().until(() -> told.size() == 1);
        server.server().restart();
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.logins().size() == 2);
        assertThat(recorder.logins()).extracting(LoginResult::automatic).containsExactly(false, true);
        // the automatic re-login brought the same data: nothing new to tell
        assertThat(told).containsExactly("red");
    }

    @Test
    void clientCreatedWithoutAutoConnectWaitsSoListenersSeeEveryState() throws Exception {
        this.client = DeepstreamClient.create(server.url(this.protocol),
                options().autoConnect(false).build());
        ClientRecorder recorder = new ClientRecorder(this.client);
        assertThat(this.client.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
        this.client.connect();
        this.client.login(Map.of("username", "userA", "password", "password")).get(10, TimeUnit.SECONDS);
        await().until(() -> recorder.states().size() == 5);
        assertThat(recorder.states()).containsExactly(ConnectionState.AWAITING_CONNECTION,
                ConnectionState.CHALLENGING, ConnectionState.AWAITING_AUTHENTICATION, ConnectionState.AUTHENTICATING,
                ConnectionState.OPEN);
    }

    @Test
    void loginCallbackGetsSuccessAndClientData() {
        DeepstreamClient client = connect();
        CompletableFuture<String> color = new CompletableFuture<>();
        client.login(Map.of("username", "userA", "password", "password"), (success, data) -> color
            .complete(success + ":" + data.get("favouriteColor").stringValue()));
        assertThat(color).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("true:red");
    }

    @Test
    void wrongPasswordReturnsToAwaitingAuthenticationAndLoginMayBeRetried() throws Exception {
        DeepstreamClient client = connect();
        ClientRecorder recorder = new ClientRecorder(client);
        LoginResult refused = client.login(Map.of("username", "userA", "password", "wrong"))
            .get(10, TimeUnit.SECONDS);
        assertThat(refused.success()).isFalse();
        await().until(() -> client.getConnectionState() == ConnectionState.AWAITING_AUTHENTICATION);
        assertThat(recorder.states()).containsSubsequence(ConnectionState.AUTHENTICATING,
                ConnectionState.AWAITING_AUTHENTICATION);
        LoginResult accepted = client.login(Map.of("username", "userA", "password", "password"))
            .get(10, TimeUnit.SECONDS);
        assertThat(accepted.success()).isTrue();
    }

    @Test
    void aLoginTheServerDidNotAnswerInTimeIsRetriedOnTheNextConnectionUntilItIsAccepted() throws Exception {
        this.client = DeepstreamClient.create(server.url(this.protocol), options()
            .requestTimeout(Duration.ofSeconds(1))
            .connectTimeout(Duration.ofSeconds(1))
            .reconnectIntervalIncrement(Duration.ofMillis(200))
            .maxReconnectInterval(Duration.ofMillis(500))
            .build());
        DeepstreamClient client = this.client;
        ClientRecorder recorder = new ClientRecorder(client);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> client.getConnectionState() == ConnectionState.AWAITING_AUTHENTICATION);
        // a hung server (a slow auth backend) ignores the first login
        server.server().pause();
        try {
            assertThat(client.login(Map.of("username", "userA", "password", "password")))
                .failsWithin(Duration.ofSeconds(10));
            assertThat(recorder.errorKinds()).contains(ErrorKind.ACK_TIMEOUT);
        }
        finally {
            server.server().resume();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
        await().until(() -> !recorder.logins().isEmpty());
        assertThat(recorder.logins()).extracting(LoginResult::success, LoginResult::automatic)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(true, true));
    }

    @Test
    void thirdFailedLoginClosesTheClientWithTooManyAuthAttempts() throws Exception {
        DeepstreamClient client = connect();
        ClientRecorder recorder = new ClientRecorder(client);
        for (int attempt = 1; attempt <= 3; attempt++) {
            LoginResult result = client.login(Map.of("username", "userA", "password", "wrong" + attempt))
                .get(10, TimeUnit.SECONDS);
            assertThat(result.success()).isFalse();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() == ConnectionState.CLOSED);
        await().until(() -> recorder.errorKinds().contains(ErrorKind.TOO_MANY_AUTH_ATTEMPTS));
        assertThat(recorder.states()).doesNotContain(ConnectionState.RECONNECTING);
        assertThat(client.getStatistics().getReconnectAttempts()).isZero();
        assertThat(client.login(Map.of("username", "userA", "password", "password")))
            .failsWithin(Duration.ofSeconds(10));
        assertThat(client.event().emit("after", 1)).failsWithin(Duration.ofSeconds(10));
        // the error stream aggregates every error, also those that a caller's future already carries
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.errorKinds().stream()
            .filter(ErrorKind.IS_CLOSED::equals).count() == 2);
        assertThat(recorder.errors()).filteredOn((error) -> error.kind() == ErrorKind.IS_CLOSED)
            .extracting(DeepstreamError::topic).containsExactly(Topic.CONNECTION, Topic.CONNECTION);
    }

    @Test
    void closeEndsTheConnectionForGoodAndStopsTheClientThreads() throws Exception {
        long threadsBefore = clientThreads();
        DeepstreamClient client = connect();
        ClientRecorder recorder = new ClientRecorder(client);
        client.login(Map.of("username", "userA", "password", "password")).get(10, TimeUnit.SECONDS);
        client.close();
        client.close();
        assertThat(client.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
        assertThat(recorder.states()).endsWith(ConnectionState.CLOSED);
        await().atMost(Duration.ofSeconds(10)).until(() -> clientThreads() == threadsBefore);
        assertThat(client.login()).failsWithin(Duration.ofSeconds(1));
    }

    @Test
    void framesLargerThanEightKibibytesArrive() throws Exception {
        DeepstreamClient client = connect();
        ClientRecorder recorder = new ClientRecorder(client);
        LoginResult result = client.login(Map.of("username", "bigData", "password", "password"))
            .get(10, TimeUnit.SECONDS);
        assertThat(result.clientData().get("blob").stringValue()).isEqualTo(BIG_VALUE);
        assertThat(recorder.errors()).isEmpty();
    }

    private static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
            .map(Thread::getName)
            .filter((name) -> name.matches("deepstream-\\d+-(loop|callbacks)"))
            .count();
    }

}
