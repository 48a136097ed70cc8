package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Heartbeats against a real deepstream server behind a loopback proxy that freezes the connection.
 */
@EachWireProtocolAndTransport
class DeepstreamClientHeartbeatIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final WireProtocol protocol;

    private final TransportType transport;

    DeepstreamClientHeartbeatIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.protocol = protocol;
        this.transport = transport;
    }

    /** @return options for a client of this test: the transport it runs on */
    private DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().transport(this.transport);
    }

    @Test
    void frozenConnectionMissesHeartbeatsTimesOutAndRecoversWhenTrafficFlowsAgain() throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.server().port());
                DeepstreamClient client = DeepstreamClient.create("ws://127.0.0.1:" + proxy.port(),
                        options()
                            .protocol(this.protocol)
                            .heartbeatInterval(Duration.ofMillis(300))
                            .connectTimeout(Duration.ofSeconds(1))
                            .reconnectIntervalIncrement(Duration.ofMillis(200))
                            .maxReconnectInterval(Duration.ofMillis(500))
                            .build())) {
            ClientRecorder recorder = new ClientRecorder(client);
            client.login().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10))
                .until(() -> client.getStatistics().getLastHeartbeatRoundTrip() != null);
            assertThat(client.getStatistics().getMissedHeartbeats()).isZero();

            proxy.freeze();
            await().atMost(Duration.ofSeconds(10))
                .until(() -> recorder.errorKinds().contains(ErrorKind.HEARTBEAT_TIMEOUT));
            assertThat(client.getStatistics().getMissedHeartbeats()).isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.reconnecting().isEmpty());

            proxy.thaw();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.getConnectionState() == ConnectionState.OPEN
                    && client.getStatistics().getReconnects() == 1);
            assertThat(recorder.logins()).extracting(LoginResult::automatic).containsExactly(false, true);
        }
    }

}
