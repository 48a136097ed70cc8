package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages far larger than the WebSocket container's 8 KiB parts, through a real server on both endpoints: joined
 * whole below the client's limit, refused by name above it (and the client comes back).
 */
@EachTransport
class LargeMessageIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final TransportType transport;

    LargeMessageIntegrationTests(TransportType transport) {
        this.transport = transport;
    }

    /** @return options for a client of this test: the transport it runs on */
    private DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().transport(this.transport);
    }

    @ParameterizedTest
    @EnumSource(value = WireProtocol.class, names = { "BINARY", "JSON" })
    void aMessageOfManyPartsArrivesWhole(WireProtocol protocol) throws Exception {
        // 300 000 characters, with multi-byte ones that parts may split
        String big = "é€x".repeat(100_000);
        try (DeepstreamClient sender = DeepstreamClient.create(server.url(protocol), options().build());
                DeepstreamClient receiver = DeepstreamClient.create(server.url(protocol), options().build())) {
            sender.login(Map.of("username", "big-sender")).get(10, TimeUnit.SECONDS);
            receiver.login(Map.of("username", "big-receiver")).get(10, TimeUnit.SECONDS);
            CompletableFuture<JsonNode> received = new CompletableFuture<>();
            receiver.event().subscribe("big", received::complete).whenSubscribed().get(10, TimeUnit.SECONDS);
            sender.event().emit("big", big);
            assertThat(received.get(10, TimeUnit.SECONDS).stringValue()).isEqualTo(big);
        }
    }

    @ParameterizedTest
    @EnumSource(value = WireProtocol.class, names = { "BINARY", "JSON" })
    void aMessageOverTheLimitIsNamedAndTheClientComesBack(WireProtocol protocol) throws Exception {
        try (DeepstreamClient sender = DeepstreamClient.create(server.url(protocol), options().build());
                DeepstreamClient receiver = DeepstreamClient.create(server.url(protocol),
                        options().maxMessageSize(50_000)
                            .reconnectIntervalIncrement(Duration.ofMillis(100))
                            .build())) {
            ClientRecorder recorder = new ClientRecorder(receiver);
            sender.login(Map.of("username", "big-sender")).get(10, TimeUnit.SECONDS);
            receiver.login(Map.of("username", "small-receiver")).get(10, TimeUnit.SECONDS);
            receiver.event().subscribe("too-big", (data) -> { }).whenSubscribed().get(10, TimeUnit.SECONDS);
            sender.event().emit("too-big", "z".repeat(200_000));
            await().atMost(Duration.ofSeconds(10))
                .until(() -> recorder.errorKinds().contains(ErrorKind.MESSAGE_TOO_LARGE));
            assertThat(recorder.errors()).filteredOn((error) -> error.kind() == ErrorKind.MESSAGE_TOO_LARGE)
                .first().satisfies((error) -> assertThat(error.message()).contains("1009", "50000 bytes"));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.getConnectionState() == ConnectionState.OPEN
                    && receiver.getStatistics().getReconnects() == 1);
        }
    }

}
