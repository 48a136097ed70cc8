package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server killed under a plain client: Tomcat's failed close-frame write reaches no java.util.logging handler as a
 * WARNING with a stack trace (it did before), while the client still reports the loss itself.
 */
class TomcatDeadPeerWarningsIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder())
        .restartAfterEachTest();

    @Test
    void aKilledServerLeavesNoTomcatStackTraceInTheLog() throws Exception {
        Logger tomcat = Logger.getLogger("org.apache.tomcat.websocket");
        List<LogRecord> published = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {

            @Override
            public void publish(LogRecord record) {
                published.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }

        };
        tomcat.addHandler(recorder);
        long suppressedBefore;
        try (DeepstreamClient client = DeepstreamClient.create(server.server().binaryUrl(),
                DeepstreamOptions.builder().maxReconnectInterval(Duration.ofMillis(500)).offlineQueueMaxSize(10_000)
                    .build())) {
            suppressedBefore = TomcatDeadPeerWarnings.suppressed();
            for (int round = 0; round < 5; round++) {
                client.login(Map.of("username", "plain")).get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() == ConnectionState.OPEN);
                // data the server has not read when it dies makes its kernel reset the connection, and the reset is
                // what fails Tomcat's read and then its close-frame write ("Broken pipe")
                for (int i = 0; i < 5_000; i++) {
                    client.event().emit("traffic", i);
                }
                server.server().kill();
                // Tomcat writes its close frame on the thread that then tells the client of the loss
                await().atMost(Duration.ofSeconds(10)).until(() -> client.getConnectionState() != ConnectionState.OPEN);
                server.server().restart();
            }
        }
        finally {
            tomcat.removeHandler(recorder);
        }
        assertThat(published).noneMatch((record) -> record.getLevel().intValue() >= Level.WARNING.intValue()
                && record.getThrown() != null);
        // the path this test is about was taken: the failed writes were there, and kept out of the log
        assertThat(TomcatDeadPeerWarnings.suppressed()).isGreaterThan(suppressedBefore);
    }

}
