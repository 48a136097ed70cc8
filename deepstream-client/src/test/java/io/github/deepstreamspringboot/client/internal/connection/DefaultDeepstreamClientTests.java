package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.deepstreamspringboot.client.CapturedOutput;
import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.ConnectionStateChange;
import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.LoginResult;
import io.github.deepstreamspringboot.client.OutputCaptureExtension;
import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.client.internal.protocol.AuthAction;
import io.github.deepstreamspringboot.client.internal.protocol.ConnectionAction;
import io.github.deepstreamspringboot.client.internal.protocol.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests of the client's state machine, reconnection schedule, heartbeats and offline queue, through
 * {@link DefaultDeepstreamClient}, with a scripted transport and a manual clock.
 */
@ExtendWith(OutputCaptureExtension.class)
class DefaultDeepstreamClientTests {

    private static final String ACCEPT = "{\"topic\":2,\"action\":4}";

    private static final String PONG = "{\"topic\":2,\"action\":3}";

    private static final String AUTH_OK = "{\"topic\":3,\"action\":3,\"parsedData\":{\"favouriteColor\":\"red\"}}";

    private static final String AUTH_REFUSED = "{\"topic\":3,\"action\":4}";

    private static final String TOO_MANY = "{\"topic\":3,\"action\":100}";

    private static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private final ManualEventLoop loop = new ManualEventLoop();

    private final ScriptedTransport transport = new ScriptedTransport();

    private final List<ConnectionStateChange> changes = new ArrayList<>();

    private final List<DeepstreamError> errors = new ArrayList<>();

    private final List<LoginResult> logins = new ArrayList<>();

    private DeepstreamOptions.Builder options;

    private DefaultDeepstreamClient connection;

    @BeforeEach
    void prepareOptions() {
        this.options = DeepstreamOptions.builder()
            .reconnectIntervalIncrement(Duration.ofSeconds(4))
            .maxReconnectInterval(Duration.ofSeconds(10))
            .heartbeatInterval(HEARTBEAT);
    }

    private DefaultDeepstreamClient start() {
        this.connection = client(List.of(ServerUrl.parse("ws://127.0.0.1:6020?apiKey=secret", WireProtocol.JSON)));
        this.connection.addConnectionStateListener(this.changes::add);
        this.connection.addErrorListener(this.errors::add);
        this.connection.addLoginListener(this.logins::add);
        this.connection.connect();
        this.loop.runPending();
        return this.connection;
    }

    private DefaultDeepstreamClient client(List<ServerUrl> urls) {
        return new DefaultDeepstreamClient("deepstream-test", urls, this.options.build(), this.transport,
                new ClientThreads(this.loop, Runnable::run, Runnable::run), () -> 0.5);
    }

    private void openAndAccept(ScriptedTransport.Attempt attempt) {
        attempt.open();
        this.loop.runPending();
        attempt.receive(ACCEPT);
        this.loop.runPending();
    }

    private CompletableFuture<LoginResult> loggedIn() {
        start();
        openAndAccept(this.transport.latest());
        CompletableFuture<LoginResult> login = this.connection.login(() -> Map.of("username", "userA"));
        this.loop.runPending();
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        return login;
    }

    private List<ConnectionState> states() {
        return this.changes.stream().map(ConnectionStateChange::current).toList();
    }

    private List<ErrorKind> errorKinds() {
        return this.errors.stream().map(DeepstreamError::kind).toList();
    }

    private static long count(List<Message> sent, ConnectionAction action) {
        return sent.stream().filter(action::matches).count();
    }

    private void silentCloseDuringHandshake() {
        ScriptedTransport.Attempt attempt = this.transport.latest();
        attempt.open();
        this.loop.runPending();
        attempt.closeByServer();
        this.loop.runPending();
        awaitNextAttempt();
    }

    private void awaitNextAttempt() {
        ConnectionStateChange last = this.connection.getLastStateChange();
        if (last.current() == ConnectionState.RECONNECTING) {
            this.loop.advance(last.reconnectDelay());
        }
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.AWAITING_CONNECTION);
    }

    @Test
    void aSilentCloseDuringTheHandshakeHintsAtTheProtocolAndIsLoggedOncePerStreak(CapturedOutput output) {
        start();
        silentCloseDuringHandshake();
        silentCloseDuringHandshake();
        silentCloseDuringHandshake();
        assertThat(this.errors).hasSize(3).allSatisfy((error) -> assertThat(error.message())
            .contains("during the handshake", "tried /deepstream-json with the json protocol", "deepstream.protocol"));
        assertThat(warnings(output, "during the handshake")).isEqualTo(1);

        // a server that answered before closing is no protocol mismatch
        ScriptedTransport.Attempt answered = this.transport.latest();
        openAndAccept(answered);
        answered.closeByServer();
        this.loop.runPending();
        assertThat(this.errors.get(3).message()).doesNotContain("during the handshake");

        // a login ends the streak: the next mismatch is logged again
        awaitNextAttempt();
        openAndAccept(this.transport.latest());
        this.connection.login(() -> Map.of("username", "userA"));
        this.loop.runPending();
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.OPEN);
        this.transport.latest().closeByServer();
        this.loop.runPending();
        awaitNextAttempt();
        silentCloseDuringHandshake();
        assertThat(warnings(output, "during the handshake")).isEqualTo(2);
    }

    private static long warnings(CapturedOutput output, String text) {
        return output.getAll().lines().filter((line) -> line.contains("WARN") && line.contains(text)).count();
    }

    /** The server accepts the automatic re-login of the latest attempt, then (maybe) drops the socket at once. */
    private Duration reloginThenDrop(boolean drop) {
        openAndAccept(this.transport.latest());
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.OPEN);
        if (!drop) {
            return null;
        }
        this.transport.latest().closeByServer();
        this.loop.runPending();
        ConnectionStateChange lost = this.connection.getLastStateChange();
        Duration delay = (lost.current() == ConnectionState.RECONNECTING) ? lost.reconnectDelay() : Duration.ZERO;
        this.loop.advance(delay);
        return delay;
    }

    @Test
    void aServerThatDropsTheClientRightAfterEachLoginGetsAGrowingBackOffNotAStorm() {
        loggedIn();
        this.transport.latest().closeByServer();
        this.loop.runPending();
        // the first loss after a stable connection retries at once
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.AWAITING_CONNECTION);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            delays.add(reloginThenDrop(true));
        }
        assertThat(delays).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10),
                Duration.ofSeconds(10));

        // a connection that stays OPEN for a heartbeat interval counts as stable again
        reloginThenDrop(false);
        this.loop.advance(HEARTBEAT);
        this.transport.latest().closeByServer();
        this.loop.runPending();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.AWAITING_CONNECTION);
    }

    @Test
    void repeatedErrorsOfAKindAreSummarisedInTheLogButEachReachesTheListeners(CapturedOutput output) {
        this.options.offlineQueueMaxSize(1);
        start();
        for (int i = 0; i < 1_001; i++) {
            this.connection.connection().send(Message.builder(Topic.EVENT, 2).name("refused").build());
        }
        this.loop.runPending();
        assertThat(errorKinds()).hasSize(1_000).containsOnly(ErrorKind.OFFLINE_QUEUE_FULL);
        assertThat(warnings(output, "OFFLINE_QUEUE_FULL")).isEqualTo(1);

        this.loop.advance(Duration.ofSeconds(10));
        this.connection.connection().send(Message.builder(Topic.EVENT, 2).name("refused").build());
        this.loop.runPending();
        assertThat(warnings(output, "OFFLINE_QUEUE_FULL")).isEqualTo(2);
        assertThat(output.getAll()).contains("999 more like it since");
    }

    @Test
    void clientDataChangesAreToldOnTheFirstLoginWithDataAndWhenALaterLoginBringsOtherData() {
        List<String> told = new ArrayList<>();
        start();
        this.connection.addClientDataListener((data) -> told.add(String.valueOf(data)));
        openAndAccept(this.transport.latest());
        this.connection.login(() -> Map.of("username", "userA"));
        this.loop.runPending();
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        assertThat(told).containsExactly("{\"favouriteColor\":\"red\"}");

        // the same data after a reconnection: nothing to tell
        this.transport.latest().closeByServer();
        this.loop.runPending();
        openAndAccept(this.transport.latest());
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        assertThat(told).hasSize(1);

        // other data after the next one
        this.transport.latest().closeByServer();
        this.loop.runPending();
        this.loop.advance(this.connection.getLastStateChange().reconnectDelay());
        openAndAccept(this.transport.latest());
        this.transport.latest().receive("{\"topic\":3,\"action\":3,\"parsedData\":{\"favouriteColor\":\"blue\"}}");
        this.loop.runPending();
        assertThat(told).containsExactly("{\"favouriteColor\":\"red\"}", "{\"favouriteColor\":\"blue\"}");
    }

    @Test
    void connectsAtOnceAndWaitsForLoginAfterTheChallengeIsAccepted() {
        start();
        assertThat(states()).containsExactly(ConnectionState.AWAITING_CONNECTION);
        ScriptedTransport.Attempt attempt = this.transport.latest();
        attempt.open();
        this.loop.runPending();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.CHALLENGING);
        Message challenge = attempt.sent().get(0);
        assertThat(ConnectionAction.CHALLENGE.matches(challenge)).isTrue();
        assertThat(challenge.attributes()).containsEntry("sdkType", "java").containsKey("protocolVersion");
        attempt.receive(ACCEPT);
        this.loop.runPending();
        assertThat(states()).containsExactly(ConnectionState.AWAITING_CONNECTION, ConnectionState.CHALLENGING,
                ConnectionState.AWAITING_AUTHENTICATION);
    }

    @Test
    void loginSendsCredentialsAndOpensWithClientData() {
        CompletableFuture<LoginResult> login = loggedIn();
        Message auth = this.transport.latest().sent().stream().filter(AuthAction.REQUEST::matches).findFirst()
            .orElseThrow();
        assertThat(auth.payload().get("username").stringValue()).isEqualTo("userA");
        assertThat(login).isCompleted();
        assertThat(login.join().success()).isTrue();
        assertThat(login.join().clientData().get("favouriteColor").stringValue()).isEqualTo("red");
        assertThat(states()).endsWith(ConnectionState.AUTHENTICATING, ConnectionState.OPEN);
        assertThat(this.logins).extracting(LoginResult::automatic).containsExactly(false);
    }

    @Test
    void loginBeforeTheConnectionIsAcceptedIsSentOnAccept() {
        start();
        CompletableFuture<LoginResult> login = this.connection.login(Map::of);
        this.loop.runPending();
        ScriptedTransport.Attempt attempt = this.transport.latest();
        openAndAccept(attempt);
        assertThat(attempt.sent().stream().filter(AuthAction.REQUEST::matches)).hasSize(1);
        attempt.receive(AUTH_OK);
        this.loop.runPending();
        assertThat(login.join().success()).isTrue();
    }

    @Test
    void refusedLoginReturnsToAwaitingAuthenticationAndMayBeRetried() {
        start();
        ScriptedTransport.Attempt attempt = this.transport.latest();
        openAndAccept(attempt);
        CompletableFuture<LoginResult> first = this.connection.login(() -> Map.of("password", "wrong"));
        this.loop.runPending();
        attempt.receive(AUTH_REFUSED);
        this.loop.runPending();
        assertThat(first.join().success()).isFalse();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.AWAITING_AUTHENTICATION);
        CompletableFuture<LoginResult> second = this.connection.login(() -> Map.of("password", "right"));
        this.loop.runPending();
        attempt.receive(AUTH_OK);
        this.loop.runPending();
        assertThat(second.join().success()).isTrue();
    }

    @Test
    void tooManyAuthAttemptsClosesWithoutReconnecting() {
        start();
        ScriptedTransport.Attempt attempt = this.transport.latest();
        openAndAccept(attempt);
        CompletableFuture<LoginResult> login = this.connection.login(Map::of);
        this.loop.runPending();
        attempt.receive(AUTH_REFUSED);
        attempt.receive(TOO_MANY);
        attempt.closeByServer();
        this.loop.advance(Duration.ofMinutes(5));
        assertThat(login.join().success()).isFalse();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
        assertThat(errorKinds()).contains(ErrorKind.TOO_MANY_AUTH_ATTEMPTS);
        assertThat(this.transport.attempts()).hasSize(1);
        CompletableFuture<LoginResult> again = this.connection.login(Map::of);
        this.loop.runPending();
        assertThat(again).isCompletedExceptionally();
    }

    @Test
    void reconnectWaitsGrowByTheIncrementUpToTheMaximum() {
        this.options.maxReconnectAttempts(5);
        start();
        List<Duration> expected = List.of(Duration.ZERO, Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        for (int attempt = 1; attempt <= expected.size(); attempt++) {
            int attemptsBefore = this.transport.attempts().size();
            this.transport.latest().fail();
            this.loop.runPending();
            ConnectionStateChange change = lastReconnecting();
            assertThat(change.reconnectAttempt()).isEqualTo(attempt);
            Duration delay = expected.get(attempt - 1);
            assertThat(change.reconnectDelay()).isEqualTo(delay);
            if (!delay.isZero()) {
                assertThat(this.transport.attempts()).hasSize(attemptsBefore);
                this.loop.advance(delay.minusMillis(1));
                assertThat(this.transport.attempts()).hasSize(attemptsBefore);
                this.loop.advance(Duration.ofMillis(1));
            }
            assertThat(this.transport.attempts()).hasSize(attemptsBefore + 1);
        }
        this.transport.latest().fail();
        this.loop.runPending();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.ERROR);
        assertThat(errorKinds()).contains(ErrorKind.MAX_RECONNECTION_ATTEMPTS_REACHED);
        this.loop.advance(Duration.ofMinutes(10));
        assertThat(this.transport.attempts()).hasSize(6);
        assertThat(this.connection.getStatistics().getReconnectAttempts()).isEqualTo(5);
    }

    private ConnectionStateChange lastReconnecting() {
        return this.changes.stream().filter((change) -> change.current() == ConnectionState.RECONNECTING)
            .reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void reconnectLogsInAgainAskingForCredentialsEachTimeAndResetsTheAttemptsOnceStable() {
        start();
        AtomicInteger asked = new AtomicInteger();
        this.connection.login(() -> Map.of("token", "t" + asked.incrementAndGet()));
        openAndAccept(this.transport.latest());
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        for (int loss = 1; loss <= 2; loss++) {
            this.transport.latest().closeByServer();
            this.loop.runPending();
            assertThat(lastReconnecting().reconnectAttempt()).isOne();
            assertThat(lastReconnecting().reconnectDelay()).isZero();
            openAndAccept(this.transport.latest());
            Message auth = this.transport.latest().sent().stream().filter(AuthAction.REQUEST::matches).findFirst()
                .orElseThrow();
            assertThat(auth.payload().get("token").stringValue()).isEqualTo("t" + (loss + 1));
            this.transport.latest().receive(AUTH_OK);
            this.loop.runPending();
            assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.OPEN);
            // stable for a heartbeat interval: the next loss starts the back-off over (the pongs keep it alive)
            for (int beat = 0; beat < 2; beat++) {
                this.loop.advance(HEARTBEAT);
                this.transport.latest().receive(PONG);
                this.loop.runPending();
            }
        }
        assertThat(this.connection.getStatistics().getReconnects()).isEqualTo(2);
        assertThat(this.logins).extracting(LoginResult::automatic).containsExactly(false, true, true);
    }

    @Test
    void refusedAutomaticLoginIsReportedAndNotRepeatedOnTheSameSocket() {
        loggedIn();
        this.transport.latest().closeByServer();
        this.loop.runPending();
        ScriptedTransport.Attempt second = this.transport.latest();
        openAndAccept(second);
        second.receive(AUTH_REFUSED);
        this.loop.advance(Duration.ofMinutes(1));
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.AWAITING_AUTHENTICATION);
        assertThat(errorKinds()).contains(ErrorKind.REAUTHENTICATION_FAILURE);
        assertThat(this.logins).extracting(LoginResult::success).containsExactly(true, false);
        assertThat(second.sent().stream().filter(AuthAction.REQUEST::matches)).hasSize(1);
    }

    @Test
    void loginWithoutAnswerFailsAtTheRequestTimeoutAndReconnects() {
        this.options.requestTimeout(Duration.ofSeconds(5));
        start();
        openAndAccept(this.transport.latest());
        CompletableFuture<LoginResult> login = this.connection.login(Map::of);
        this.loop.advance(Duration.ofSeconds(5).minusMillis(1));
        assertThat(login).isNotDone();
        this.loop.advance(Duration.ofMillis(1));
        assertThat(login).isCompletedExceptionally();
        assertThat(errorKinds()).contains(ErrorKind.ACK_TIMEOUT);
        assertThat(states()).endsWith(ConnectionState.RECONNECTING, ConnectionState.AWAITING_CONNECTION);
        assertThat(this.transport.attempts()).hasSize(2);
    }

    @Test
    void theIntentToLogInOutlivesATimeoutUntilTheServerAnswers() {
        this.options.requestTimeout(Duration.ofSeconds(5));
        start();
        openAndAccept(this.transport.latest());
        CompletableFuture<LoginResult> first = this.connection.login(() -> Map.of("username", "userA"));
        this.loop.runPending();
        this.loop.advance(Duration.ofSeconds(5));
        assertThat(first).isCompletedExceptionally();

        // the next connection logs in by itself with the same credentials, and the listeners hear the outcome
        openAndAccept(this.transport.latest());
        Message retry = this.transport.latest().sent().stream().filter(AuthAction.REQUEST::matches).findFirst()
            .orElseThrow();
        assertThat(retry.payload().get("username").stringValue()).isEqualTo("userA");
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.OPEN);
        assertThat(this.logins).extracting(LoginResult::success, LoginResult::automatic)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(true, true));
    }

    @Test
    void refusedCredentialsEndTheIntentToLogIn() {
        start();
        openAndAccept(this.transport.latest());
        this.connection.login(() -> Map.of("username", "userA"));
        this.loop.runPending();
        this.transport.latest().receive(AUTH_REFUSED);
        this.loop.runPending();
        this.transport.latest().closeByServer();
        this.loop.runPending();
        openAndAccept(this.transport.latest());
        assertThat(this.transport.latest().sent().stream().filter(AuthAction.REQUEST::matches)).isEmpty();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.AWAITING_AUTHENTICATION);
    }

    @Test
    void handshakeWithoutAcceptFailsAtTheConnectTimeout() {
        this.options.connectTimeout(Duration.ofSeconds(3));
        start();
        this.transport.latest().open();
        this.loop.advance(Duration.ofSeconds(3).minusMillis(1));
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.CHALLENGING);
        this.loop.advance(Duration.ofMillis(1));
        assertThat(states()).endsWith(ConnectionState.RECONNECTING, ConnectionState.AWAITING_CONNECTION);
        assertThat(errorKinds()).containsExactly(ErrorKind.CONNECTION_ERROR);
        assertThat(this.transport.attempts().get(0).closedByClient()).isTrue();
    }

    @Test
    void pingsEveryIntervalButCountsMissesOnlyWhileLoggedIn() {
        start();
        ScriptedTransport.Attempt attempt = this.transport.latest();
        openAndAccept(attempt);
        this.loop.advance(HEARTBEAT.multipliedBy(5));
        assertThat(count(attempt.sent(), ConnectionAction.PING)).isEqualTo(5);
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.AWAITING_AUTHENTICATION);
        assertThat(this.connection.getStatistics().getMissedHeartbeats()).isZero();
    }

    @Test
    void twoMissedHeartbeatsInARowDropTheConnectionAndReconnect() {
        loggedIn();
        ScriptedTransport.Attempt attempt = this.transport.latest();
        this.loop.advance(HEARTBEAT);
        this.loop.advance(Duration.ofSeconds(1));
        attempt.receive(PONG);
        this.loop.advance(HEARTBEAT.minusSeconds(1));
        assertThat(this.connection.getStatistics().getMissedHeartbeats()).isZero();
        assertThat(this.connection.getStatistics().getLastHeartbeatRoundTrip()).isEqualTo(Duration.ofSeconds(1));
        this.loop.advance(HEARTBEAT);
        assertThat(this.connection.getStatistics().getMissedHeartbeats()).isOne();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.OPEN);
        this.loop.advance(HEARTBEAT);
        assertThat(this.connection.getStatistics().getMissedHeartbeats()).isEqualTo(2);
        assertThat(errorKinds()).contains(ErrorKind.HEARTBEAT_TIMEOUT);
        assertThat(attempt.closedByClient()).isTrue();
        assertThat(this.connection.getLastStateChange().current()).isEqualTo(ConnectionState.AWAITING_CONNECTION);
        assertThat(states()).contains(ConnectionState.RECONNECTING);
    }

    @Test
    void offlineMessagesAreSentInOrderAfterLogin() {
        start();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sends.add(this.connection.connection().send(event("e" + i)));
        }
        this.loop.runPending();
        assertThat(this.connection.getStatistics().getOfflineQueueSize()).isEqualTo(3);
        openAndAccept(this.transport.latest());
        this.connection.login(Map::of);
        this.loop.runPending();
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        assertThat(this.transport.latest().sent().stream().filter((m) -> m.topic() == Topic.EVENT))
            .extracting(Message::name).containsExactly("e0", "e1", "e2");
        assertThat(sends).allMatch((send) -> send.isDone() && !send.isCompletedExceptionally());
        assertThat(this.connection.getStatistics().getOfflineQueueSize()).isZero();
    }

    @Test
    void fullOfflineQueueRefusesTheOperationVisibly() {
        this.options.offlineQueueMaxSize(2);
        start();
        this.connection.connection().send(event("a"));
        this.connection.connection().send(event("b"));
        CompletableFuture<Void> refused = this.connection.connection().send(event("c"));
        this.loop.runPending();
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(DeepstreamException.class)
            .cause()
            .extracting((ex) -> ((DeepstreamException) ex).getKind())
            .isEqualTo(ErrorKind.OFFLINE_QUEUE_FULL);
        assertThat(errorKinds()).containsExactly(ErrorKind.OFFLINE_QUEUE_FULL);
        assertThat(this.connection.getStatistics().getOfflineQueueRejected()).isOne();
    }

    @Test
    void aBoundInBytesHoldsWhileOnlineAndIsCheckedOnTheCallersThread() {
        // the offline queue's count does not apply online; the backlog holds exactly two of these messages
        this.options.offlineQueueMaxSize(1).backlogMaxSize(2 * MessageSize.estimate(event("a")));
        start();
        openAndAccept(this.transport.latest());
        this.connection.login(Map::of);
        this.loop.runPending();
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.OPEN);

        CompletableFuture<Void> first = this.connection.connection().send(event("a"));
        CompletableFuture<Void> second = this.connection.connection().send(event("b"));
        CompletableFuture<Void> refused = this.connection.connection().send(event("c"));
        // refused before the loop ran: nothing of it was queued anywhere
        assertThat(refused).isCompletedExceptionally();
        assertThat(first).isNotDone();
        assertThatThrownBy(refused::join).cause()
            .extracting((ex) -> ((DeepstreamException) ex).getKind())
            .isEqualTo(ErrorKind.OFFLINE_QUEUE_FULL);

        this.loop.runPending();
        assertThat(List.of(first, second)).allMatch((send) -> send.isDone() && !send.isCompletedExceptionally());
        CompletableFuture<Void> later = this.connection.connection().send(event("d"));
        this.loop.runPending();
        assertThat(later).isCompletedWithValue(null);
        assertThat(this.transport.latest().sent().stream().filter((m) -> m.topic() == Topic.EVENT))
            .extracting(Message::name).containsExactly("a", "b", "d");
        assertThat(errorKinds()).containsExactly(ErrorKind.OFFLINE_QUEUE_FULL);
    }

    @Test
    void offlineMessagesExpireExactlyAtTheirMaximumAge() {
        this.options.offlineQueueMaxAge(Duration.ofSeconds(20)).connectTimeout(Duration.ofMinutes(5));
        start();
        CompletableFuture<Void> send = this.connection.connection().send(event("late"));
        this.loop.advance(Duration.ofSeconds(20).minusMillis(1));
        assertThat(send).isNotDone();
        this.loop.advance(Duration.ofMillis(1));
        assertThat(send).isCompletedExceptionally();
        assertThat(errorKinds()).containsExactly(ErrorKind.OFFLINE_QUEUE_EXPIRED);
        assertThat(this.connection.getStatistics().getOfflineQueueSize()).isZero();
    }

    @Test
    void messageThatCannotBeWrittenStaysQueuedForTheNextConnection() {
        loggedIn();
        this.transport.latest().failSends();
        CompletableFuture<Void> send = this.connection.connection().send(event("kept"));
        this.loop.runPending();
        assertThat(send).isNotDone();
        assertThat(this.connection.getStatistics().getOfflineQueueSize()).isOne();
        openAndAccept(this.transport.latest());
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        assertThat(send).isCompleted();
        assertThat(this.transport.latest().sent()).extracting(Message::name).contains("kept");
    }

    @Test
    void malformedFramesAreReportedAndTheConnectionKeepsRunning() {
        loggedIn();
        ScriptedTransport.Attempt attempt = this.transport.latest();
        attempt.receive("not json");
        attempt.receive("[1,2]");
        attempt.receive("{\"topic\":42,\"action\":1}");
        attempt.receive("{\"action\":1}");
        this.loop.runPending();
        assertThat(errorKinds()).containsOnly(ErrorKind.MESSAGE_PARSE_ERROR).hasSize(4);
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.OPEN);
    }

    @Test
    void closeIsFinalIdempotentAndFailsWhatWaits() {
        start();
        CompletableFuture<LoginResult> login = this.connection.login(Map::of);
        CompletableFuture<Void> send = this.connection.connection().send(event("x"));
        this.loop.runPending();
        this.connection.startClose();
        this.connection.startClose();
        this.loop.advance(Duration.ofMinutes(5));
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
        assertThat(login).isCompletedExceptionally();
        assertThat(send).isCompletedExceptionally();
        assertThat(states()).containsOnlyOnce(ConnectionState.CLOSED);
        assertThat(this.transport.attempts()).hasSize(1);
    }

    @Test
    void closeCompletesWhenTheServerAnswersTheClosingHandshake() {
        loggedIn();
        ScriptedTransport.Attempt attempt = this.transport.latest();
        CompletableFuture<Void> closing = this.connection.startClose();
        assertThat(this.connection.startClose()).isSameAs(closing);
        this.loop.runPending();
        assertThat(attempt.closedByClient()).isTrue();
        assertThat(closing).isNotDone();
        attempt.serverAnsweredClose().complete(null);
        assertThat(closing).isCompleted();
    }

    @Test
    void closeGivesUpWaitingForAServerThatNeverAnswersAfterItsBound() {
        loggedIn();
        CompletableFuture<Void> closing = this.connection.startClose();
        this.loop.advance(DefaultDeepstreamClient.CLOSE_HANDSHAKE_TIMEOUT.minusMillis(1));
        assertThat(closing).isNotDone();
        this.loop.advance(Duration.ofMillis(1));
        assertThat(closing).isCompleted();
        assertThat(this.connection.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void withSeveralNodesEachLossMovesToTheNextNodeTheFirstAtOnceTheRestOnTheBackOffSchedule() {
        this.connection = client(List.of(ServerUrl.parse("ws://127.0.0.1:7001", WireProtocol.JSON),
                        ServerUrl.parse("ws://127.0.0.1:7002", WireProtocol.JSON),
                        ServerUrl.parse("ws://127.0.0.1:7003", WireProtocol.JSON)));
        this.connection.addConnectionStateListener(this.changes::add);
        this.connection.connect();
        this.loop.runPending();
        openAndAccept(this.transport.latest());
        this.connection.login(Map::of);
        this.loop.runPending();
        this.transport.latest().receive(AUTH_OK);
        this.loop.runPending();
        assertThat(this.connection.getServerUrl().uri().getPort()).isEqualTo(7001);

        // the node goes away: the next one is tried at once
        this.transport.latest().closeByServer();
        this.loop.runPending();
        assertThat(this.transport.attempts()).hasSize(2);
        assertThat(this.transport.latest().uri().getPort()).isEqualTo(7002);
        assertThat(this.connection.getServerUrl().uri().getPort()).isEqualTo(7002);
        assertThat(this.connection.getLastStateChange().reason()).contains("127.0.0.1:7002");

        // it fails too: the third node follows the back-off schedule, then the first again
        this.transport.latest().fail();
        this.loop.runPending();
        assertThat(this.transport.attempts()).hasSize(2);
        this.loop.advance(Duration.ofSeconds(4));
        assertThat(this.transport.attempts()).hasSize(3);
        assertThat(this.transport.latest().uri().getPort()).isEqualTo(7003);
        this.transport.latest().fail();
        this.loop.advance(Duration.ofSeconds(8));
        assertThat(this.transport.attempts()).extracting((attempt) -> attempt.uri().getPort())
            .containsExactly(7001, 7002, 7003, 7001);
    }

    @Test
    void throwingListenerDoesNotStopTheOthers() {
        List<ConnectionState> seen = new ArrayList<>();
        this.connection = client(List.of(ServerUrl.parse("ws://127.0.0.1:6020", WireProtocol.JSON)));
        this.connection.addConnectionStateListener((change) -> {
            throw new IllegalStateException("boom");
        });
        this.connection.addConnectionStateListener((change) -> seen.add(change.current()));
        this.connection.connect();
        this.loop.runPending();
        openAndAccept(this.transport.latest());
        assertThat(seen).containsExactly(ConnectionState.AWAITING_CONNECTION, ConnectionState.CHALLENGING,
                ConnectionState.AWAITING_AUTHENTICATION);
    }

    @Test
    void errorMessagesNeverContainTheQueryParameters() {
        start();
        this.transport.latest().fail();
        this.loop.runPending();
        assertThat(this.errors).isNotEmpty();
        assertThat(this.errors).allSatisfy((error) -> assertThat(error.message()).doesNotContain("secret"));
        assertThat(this.changes).allSatisfy((change) -> assertThat(change.reason()).doesNotContain("secret"));
    }

    private static Message event(String name) {
        return Message.builder(Topic.EVENT, 2).name(name).build();
    }

}
