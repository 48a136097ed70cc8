package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client against a fake server on loopback that sends malformed frames or never completes the handshake.
 */
class DeepstreamClientMisbehavingServerTests {

    @Test
    void malformedAndUnexpectedFramesReachTheErrorListenersAndTheClientKeepsRunning() throws Exception {
        try (FakeDeepstreamServer fake = new FakeDeepstreamServer(true);
                DeepstreamClient client = DeepstreamClient.create(fake.url())) {
            ClientRecorder recorder = new ClientRecorder(client);
            client.login().get(10, TimeUnit.SECONDS);
            fake.send("this is not json");
            fake.send("{\"topic\":99,\"action\":1}");
            fake.send("{\"topic\":4,\"action\":99,\"name\":\"big\",\"data\":\"\\\"" + "y".repeat(100_000) + "\\\"\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.errors().size() == 3);
            assertThat(recorder.errorKinds()).containsExactly(ErrorKind.MESSAGE_PARSE_ERROR,
                    ErrorKind.MESSAGE_PARSE_ERROR, ErrorKind.UNSOLICITED_MESSAGE);
            assertThat(client.getConnectionState()).isEqualTo(ConnectionState.OPEN);
            assertThat(client.getStatistics().getReconnectAttempts()).isZero();
        }
    }

    @Test
    void serverThatNeverAcceptsTheChallengeIsAConnectionErrorAfterTheConnectTimeout() throws Exception {
        try (FakeDeepstreamServer fake = new FakeDeepstreamServer(false);
                DeepstreamClient client = DeepstreamClient.create(fake.url(), DeepstreamOptions.builder()
                    .connectTimeout(Duration.ofMillis(500))
                    .build())) {
            ClientRecorder recorder = new ClientRecorder(client);
            await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.reconnecting().isEmpty());
            assertThat(recorder.states()).containsSubsequence(ConnectionState.CHALLENGING,
                    ConnectionState.RECONNECTING);
            assertThat(recorder.errorKinds()).first().isEqualTo(ErrorKind.CONNECTION_ERROR);
            assertThat(fake.received().poll(10, TimeUnit.SECONDS)).contains("\"action\":5");
        }
    }

}
