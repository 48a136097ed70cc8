package io.github.deepstreamspringboot.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconnection against a real deepstream server that is killed and restarted on the same port, and against
 * addresses where no deepstream server answers.
 */
@EachWireProtocolAndTransport
class DeepstreamClientReconnectIntegrationTests {

    private static final Duration INCREMENT = Duration.ofMillis(400);

    private static final Duration MAX = Duration.ofMillis(1000);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder())
        .restartAfterEachTest();

    private final WireProtocol protocol;

    private final TransportType transport;

    DeepstreamClientReconnectIntegrationTests(WireProtocol protocol, TransportType transport) {
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

    private DeepstreamClient connect(String url, DeepstreamOptions.Builder options) {
        this.client = DeepstreamClient.create(url, options.protocol(this.protocol)
            .reconnectIntervalIncrement(INCREMENT)
            .maxReconnectInterval(MAX)
            .connectTimeout(Duration.ofSeconds(2))
            .build());
        return this.client;
    }

    @Test
    void killedServerRestartedOnTheSamePortIsReconnectedWithAutomaticLogin() throws Exception {
        DeepstreamClient client = connect(server.url(this.protocol), options());
        ClientRecorder recorder = new ClientRecorder(client);
        client.login().get(10, TimeUnit.SECONDS);
        int port = server.server().port();

        server.server().kill();
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.reconnecting().size() >= 4);
        server.server().start();
        assertThat(server.server().port()).isEqualTo(port);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.getConnectionState() == ConnectionState.OPEN
                && recorder.logins().size() == 2);

        assertThat(recorder.logins().get(1).automatic()).isTrue();
        assertThat(recorder.logins().get(1).success()).isTrue();
        assertThat(client.getStatistics().getReconnects()).isOne();
        for (ConnectionStateChange change : recorder.reconnecting()) {
            Duration expected = INCREMENT.multipliedBy(change.reconnectAttempt() - 1);
            assertThat(change.reconnectDelay()).isEqualTo((expected.compareTo(MAX) > 0) ? MAX : expected);
        }
        assertThat(recorder.reconnecting().get(0).reconnectAttempt()).isOne();
        assertThat(recorder.errorKinds()).contains(ErrorKind.CONNECTION_ERROR);
    }

    @Test
    void serverDownForLongerThanTheAttemptsAllowEndsInError() throws Exception {
        DeepstreamClient client = connect(server.url(this.protocol), options()
            .maxReconnectAttempts(3));
        ClientRecorder recorder = new ClientRecorder(client);
        client.login().get(10, TimeUnit.SECONDS);

        server.server().kill();
        // the state is read at once, the error reaches the listeners on the callback thread
        await().atMost(Duration.ofSeconds(20)).until(() -> client.getConnectionState() == ConnectionState.ERROR
                && recorder.errorKinds().contains(ErrorKind.MAX_RECONNECTION_ATTEMPTS_REACHED));

        assertThat(recorder.reconnecting()).hasSize(3);
        assertThat(client.getStatistics().getReconnectAttempts()).isEqualTo(3);
    }

    @Test
    void wrongPathIsAConnectionErrorAndTheClientKeepsTrying() {
        DeepstreamClient client = connect("ws://127.0.0.1:" + server.server().port() + "/not-deepstream",
                options());
        ClientRecorder recorder = new ClientRecorder(client);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.reconnecting().size() >= 2);
        assertThat(recorder.errorKinds()).contains(ErrorKind.CONNECTION_ERROR);
        assertThat(recorder.states()).doesNotContain(ConnectionState.CHALLENGING);
    }

    @Test
    void unreachablePortIsAConnectionErrorAndTheClientKeepsTrying() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DeepstreamClient client = connect("ws://127.0.0.1:" + closedPort, options());
        ClientRecorder recorder = new ClientRecorder(client);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.reconnecting().size() >= 2);
        assertThat(recorder.errorKinds()).contains(ErrorKind.CONNECTION_ERROR);
        assertThat(client.getServerUrl().uri().getPath()).isEqualTo(this.protocol.defaultPath());
    }

}
