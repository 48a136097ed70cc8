package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;


import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer.Endpoint;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server configured like a stock deepstream server: only the binary endpoint {@code /deepstream}, no
 * {@code ws-json}. A URL without a path works with no other setting, and each way of getting the protocol or the
 * path wrong fails with an error that says what was tried and what to change, logged once per streak of failures.
 */
@ExtendWith(OutputCaptureExtension.class)
@EachTransport
class StockServerIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(
            LocalDeepstreamServer.builder().endpoints(Endpoint.WS_BINARY));

    /** A server that someone switched {@code ws-json} on for. */
    @RegisterExtension
    static final DeepstreamServerExtension jsonEnabled = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    @RegisterExtension
    final TestClients clients;

    private final TransportType transport;

    StockServerIntegrationTests(TransportType transport) {
        this.transport = transport;
        this.clients = new TestClients(server, WireProtocol.AUTO, transport);
    }

    private DeepstreamOptions fastRetries(WireProtocol protocol) {
        return TestClients.fastReconnects()
            .transport(this.transport)
            .protocol(protocol)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    }

    private String hostUrl() {
        return "ws://127.0.0.1:" + server.server().port();
    }

    @Test
    void aUrlWithoutPathWorksWithNoOtherSetting() throws Exception {
        DeepstreamClient publisher = this.clients.loggedIn(hostUrl(), "publisher", DeepstreamOptions.defaults());
        DeepstreamClient subscriber = this.clients.loggedIn(hostUrl(), "subscriber", DeepstreamOptions.defaults());
        assertThat(publisher.getServerUrl().uri().getPath()).isEqualTo("/deepstream");
        assertThat(publisher.getServerUrl().protocol()).isEqualTo(WireProtocol.BINARY);
        List<String> received = new CopyOnWriteArrayList<>();
        subscriber.event().subscribe("stock", String.class, received::add).whenSubscribed().get(10, TimeUnit.SECONDS);
        publisher.event().emit("stock", "hello");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("hello"));
    }

    @Test
    void theJsonPathOfAStockServerGetsNoHttpAnswerAndTheErrorSaysToUseTheBinaryEndpoint(CapturedOutput output) {
        DeepstreamClient client = this.clients.connecting(hostUrl() + "/deepstream-json", fastRetries(WireProtocol.AUTO));
        ClientRecorder recorder = new ClientRecorder(client);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.reconnecting().size() >= 3);
        DeepstreamError error = recorder.errors().get(0);
        assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION_ERROR);
        assertThat(error.message()).contains("no HTTP answer", "tried /deepstream-json with the json protocol",
                "/deepstream", "deepstream.protocol");
        assertThat(hintLines(output, "no HTTP answer")).as("hint logged once per streak").isEqualTo(1);
    }

    @Test
    void jsonSpokenToTheBinaryEndpointIsClosedDuringTheHandshakeAndTheErrorSaysToSpeakBinary(CapturedOutput output) {
        DeepstreamClient client = this.clients.connecting(hostUrl() + "/deepstream", fastRetries(WireProtocol.JSON));
        ClientRecorder recorder = new ClientRecorder(client);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.reconnecting().size() >= 3);
        assertThat(recorder.errors()).allSatisfy((error) -> {
            assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION_ERROR);
            assertThat(error.message()).contains("during the handshake", "tried /deepstream with the json protocol",
                    "expects binary", "deepstream.protocol");
        });
        assertThat(hintLines(output, "during the handshake")).as("hint logged once per streak").isEqualTo(1);
    }

    @Test
    void aWrongPathIsNamedWithTheBinaryEndpointToUseInstead() {
        DeepstreamClient client = this.clients.connecting(hostUrl() + "/ds", fastRetries(WireProtocol.AUTO));
        ClientRecorder recorder = new ClientRecorder(client);
        await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.errors().isEmpty());
        assertThat(recorder.errors().get(0).message()).contains("tried /ds with the binary protocol",
                "binary at /deepstream", "deepstream.url");
    }

    @Test
    void binarySpokenToAJsonEndpointIsClosedDuringTheHandshakeAndTheErrorSaysToSpeakJson() {
        DeepstreamClient client = this.clients.connecting(jsonEnabled.server().jsonUrl(),
                fastRetries(WireProtocol.BINARY));
        ClientRecorder recorder = new ClientRecorder(client);
        await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.errors().isEmpty());
        assertThat(recorder.errors().get(0).message()).contains("during the handshake",
                "tried /deepstream-json with the binary protocol", "expects json", "deepstream.protocol");
    }

    private static long hintLines(CapturedOutput output, String text) {
        return output.getAll().lines().filter((line) -> line.contains("WARN") && line.contains(text)).count();
    }

}
