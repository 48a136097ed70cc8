package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.StringNode;

import io.github.deepstreamspringboot.client.internal.protocol.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client against a fake server on loopback that sends malformed or oversized frames, on either endpoint, or never
 * completes the handshake.
 */
@EachTransport
class DeepstreamClientMisbehavingServerTests {

    private static final HexFormat HEX = HexFormat.of();

    private final TransportType transport;

    DeepstreamClientMisbehavingServerTests(TransportType transport) {
        this.transport = transport;
    }

    /** @return options for a client of this test: the transport it runs on */
    private DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().transport(this.transport);
    }

    @Test
    void malformedAndUnexpectedFramesReachTheErrorListenersAndTheClientKeepsRunning() throws Exception {
        try (FakeDeepstreamServer fake = new FakeDeepstreamServer(true);
                DeepstreamClient client = DeepstreamClient.create(fake.url(), options().build())) {
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
                DeepstreamClient client = DeepstreamClient.create(fake.url(), options()
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

    @Test
    void undecodableBinaryFramesAreParseErrorsAndTheConnectionKeepsRunning() throws Exception {
        try (FakeDeepstreamServer fake = new FakeDeepstreamServer(true, WireProtocol.BINARY);
                DeepstreamClient client = DeepstreamClient.create(fake.url(), options().build())) {
            ClientRecorder recorder = new ClientRecorder(client);
            client.login().get(10, TimeUnit.SECONDS);
            fake.send(HEX.parseHex("ffffffffffffffffffffff"));  // a length varint that never ends
            fake.send(HEX.parseHex("0610631a020801"));          // topic 99
            fake.send(HEX.parseHex("0510021a0108"));            // the action's varint is cut off
            fake.send(HEX.parseHex("0a10021a0a0804"));          // the inner message claims 10 bytes, has 2
            fake.send(HEX.parseHex("3010021a02"));               // the outer message claims 48 bytes, has 4
            fake.send("{\"topic\":2,\"action\":3}");            // a text frame on the binary endpoint
            fake.send(Message.builder(Topic.EVENT, 99).name("still-listening").build());
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.errors().size() == 7);
            assertThat(recorder.errorKinds()).containsExactly(ErrorKind.MESSAGE_PARSE_ERROR,
                    ErrorKind.MESSAGE_PARSE_ERROR, ErrorKind.MESSAGE_PARSE_ERROR, ErrorKind.MESSAGE_PARSE_ERROR,
                    ErrorKind.MESSAGE_PARSE_ERROR, ErrorKind.MESSAGE_PARSE_ERROR, ErrorKind.UNSOLICITED_MESSAGE);
            assertThat(recorder.errors().get(1).message()).contains("binary frame", "Unknown topic 99");
            assertThat(client.getConnectionState()).isEqualTo(ConnectionState.OPEN);
            assertThat(client.getStatistics().getReconnectAttempts()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = WireProtocol.class, names = { "BINARY", "JSON" })
    void aFrameOverTheSizeLimitIsANamedErrorAndTheClientReconnects(WireProtocol protocol) throws Exception {
        try (FakeDeepstreamServer fake = new FakeDeepstreamServer(true, protocol);
                DeepstreamClient client = DeepstreamClient.create(fake.url(), options()
                    .maxMessageSize(10_000)
                    .reconnectIntervalIncrement(Duration.ofMillis(100))
                    .build())) {
            ClientRecorder recorder = new ClientRecorder(client);
            client.login().get(10, TimeUnit.SECONDS);
            fake.send(Message.builder(Topic.EVENT, 2).name("huge")
                .payload(StringNode.valueOf("z".repeat(20_000))).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.errorKinds()
                .contains(ErrorKind.MESSAGE_TOO_LARGE));
            assertThat(recorder.errors()).filteredOn((error) -> error.kind() == ErrorKind.MESSAGE_TOO_LARGE)
                .first().satisfies((error) -> assertThat(error.message()).contains("1009", "10000 bytes",
                        "deepstream.max-message-size"));
            await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() == ConnectionState.OPEN
                    && client.getStatistics().getReconnects() == 1);
        }
    }

}
