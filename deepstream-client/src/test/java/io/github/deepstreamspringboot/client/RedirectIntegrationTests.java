package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server that answers the challenge with REDIRECT (server 7.0.2 never does; the protocol allows it and the
 * JavaScript client follows it): a fake server on loopback redirects to a real one, or to itself in a loop.
 */
@EachTransport
class RedirectIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final TransportType transport;

    RedirectIntegrationTests(TransportType transport) {
        this.transport = transport;
    }

    @ParameterizedTest
    @EnumSource(value = WireProtocol.class, names = { "BINARY", "JSON" })
    void aRedirectIsFollowedForThatAttemptAndALossGoesBackToTheConfiguredUrl(WireProtocol protocol) throws Exception {
        try (FakeDeepstreamServer redirecting = new FakeDeepstreamServer(true, protocol)) {
            redirecting.redirectTo(server.url(protocol));
            try (DeepstreamClient client = DeepstreamClient.create(redirecting.url(),
                    TestClients.fastReconnects().transport(this.transport).build())) {
                ClientRecorder recorder = new ClientRecorder(client);
                client.login(Map.of("username", "redirected")).get(10, TimeUnit.SECONDS);
                assertThat(recorder.changes()).anySatisfy((change) -> assertThat(change.reason())
                    .contains("redirected to ws://127.0.0.1:" + server.server().port()));
                assertThat(recorder.reconnecting()).isEmpty();
                assertThat(recorder.errors()).isEmpty();
                assertThat(redirecting.challenges()).isEqualTo(1);

                // the redirect target goes away: the next attempt asks the configured server again
                server.server().kill();
                try {
                    await().atMost(Duration.ofSeconds(10)).until(() -> redirecting.challenges() >= 2);
                }
                finally {
                    server.server().start();
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = WireProtocol.class, names = { "BINARY", "JSON" })
    void aRedirectLoopEndsAsAConnectionErrorAndTheClientBacksOff(WireProtocol protocol) throws Exception {
        try (FakeDeepstreamServer looping = new FakeDeepstreamServer(true, protocol)) {
            looping.redirectTo(looping.url());
            try (DeepstreamClient client = DeepstreamClient.create(looping.url(), TestClients.fastReconnects().transport(this.transport).build())) {
                ClientRecorder recorder = new ClientRecorder(client);
                await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.reconnecting().isEmpty());
                assertThat(recorder.errors()).first().satisfies((error) -> {
                    assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION_ERROR);
                    assertThat(error.message()).contains("redirect loop", "more than 3 redirects");
                });
                assertThat(recorder.reconnecting().get(0).reconnectAttempt()).isEqualTo(1);
                // the first attempt and its three redirects, then the loop was cut
                assertThat(looping.challenges()).isGreaterThanOrEqualTo(4);
            }
        }
    }

}
