package io.github.deepstreamspringboot.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "Testing your application" example of docs/testing.md, as the sample runs it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "deepstream.dev-server.enabled=true",
                // a short grace period, so that health turns DOWN soon after the server goes away
                "deepstream.health.reconnect-grace-period=1s", "deepstream.reconnect-interval-increment=200ms",
                "deepstream.max-reconnect-interval=1s" })
class SampleServiceTestingTests {

    @Autowired
    LocalDeepstreamServer server;      // the server of this context: stop(), kill(), pause()/resume(), restart()

    @Autowired
    DeepstreamClient client;           // your application's client, pointed at it

    @Test
    void anotherServiceCallsOurRpc() throws Exception {
        // a second, plain client plays the other service (with the dev server's user: deepstream.auth.* is set)
        try (DeepstreamClient other = DeepstreamClient.create(this.server.binaryUrl())) {
            other.login(Map.of("username", "sample-service", "password", "sample-secret")).get(10, SECONDS);
            // our providers go out right after our login: until the server has them, a call is NO_RPC_PROVIDER
            await().ignoreExceptions().until(
                    () -> other.rpc().make("sample/sum", List.of(1, 2), Long.class).get(10, SECONDS) == 3L);
        }
    }

    @Test
    void survivesTheServerGoingAway() throws Exception {
        await().until(() -> this.client.getConnectionState() == ConnectionState.OPEN);
        this.server.kill();                               // as a crash would (SIGKILL); stop() is the polite way
        await().until(() -> this.client.getConnectionState() != ConnectionState.OPEN);
        // health: UNKNOWN while reconnecting within the grace period, DOWN after it (see Health)
        this.server.start();                              // same port; restart() = stop() + start()
        await().until(() -> this.client.getConnectionState() == ConnectionState.OPEN);
        anotherServiceCallsOurRpc();                      // and the sample answers again
    }

}
