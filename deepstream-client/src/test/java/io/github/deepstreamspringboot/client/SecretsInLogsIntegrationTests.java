package io.github.deepstreamspringboot.client;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;


import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No secret of a client (the {@code apiKey} in its URL, its password) reaches any log at any level: every SLF4J
 * logger at TRACE, and Tomcat's java.util.logging at FINEST, while the client connects, logs in, works, fails to
 * reach a wrong path and a closed port, and closes.
 */
@ExtendWith(OutputCaptureExtension.class)
@EachTransport
class SecretsInLogsIntegrationTests {

    private static final String API_KEY = "api-key-9f1c2e";

    private static final String PASSWORD = "password-7d3b0a";

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(
            LocalDeepstreamServer.builder().user("alice", PASSWORD, Map.of()));

    private final TransportType transport;

    private final List<String> julRecords = new CopyOnWriteArrayList<>();

    private final Handler julHandler = new Handler() {

        @Override
        public void publish(LogRecord record) {
            julRecords.add(record.getLoggerName() + " " + record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

    };

    SecretsInLogsIntegrationTests(TransportType transport) {
        this.transport = transport;
    }

    /** @return options for a client of this test: the transport it runs on */
    private DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().transport(this.transport);
    }

    private Level previousRoot;

    private Level previousProject;

    private java.util.logging.Level previousJul;

    @BeforeEach
    void everythingAtTrace() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.previousRoot = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel();
        this.previousProject = context.getLogger("io.github.deepstreamspringboot").getLevel();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.TRACE);
        context.getLogger("io.github.deepstreamspringboot").setLevel(Level.TRACE);
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
        this.previousJul = jul.getLevel();
        jul.setLevel(java.util.logging.Level.FINEST);
        jul.addHandler(this.julHandler);
    }

    @AfterEach
    void restoreLevels() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(this.previousRoot);
        context.getLogger("io.github.deepstreamspringboot").setLevel(this.previousProject);
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
        jul.removeHandler(this.julHandler);
        jul.setLevel(this.previousJul);
    }

    @Test
    void neitherTheApiKeyNorThePasswordIsLoggedAtAnyLevel(CapturedOutput output) throws Exception {
        String host = "ws://127.0.0.1:" + server.server().port();
        try (DeepstreamClient client = DeepstreamClient.create(host + "/deepstream", options().build())) {
            client.login(Map.of("username", "alice", "password", PASSWORD)).get(10, TimeUnit.SECONDS);
            client.event().emit("news", "hello").get(10, TimeUnit.SECONDS);
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        // server 7.0.2 drops an upgrade whose URL has a query, like one to a path it does not serve
        for (String url : List.of(host + "/deepstream?apiKey=" + API_KEY, host + "/nowhere?apiKey=" + API_KEY,
                "ws://127.0.0.1:" + closedPort + "/deepstream?apiKey=" + API_KEY)) {
            try (DeepstreamClient failing = DeepstreamClient.create(url,
                    TestClients.fastReconnects().transport(this.transport).build())) {
                ClientRecorder recorder = new ClientRecorder(failing);
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.reconnecting().size() >= 2);
            }
        }
        // the levels took effect: debug output of the client and the libraries was written, with the URL masked
        assertThat(output.getAll()).contains("DEBUG").contains("apiKey=****");
        assertThat(output.getAll()).doesNotContain(API_KEY).doesNotContain(PASSWORD);
        assertThat(this.julRecords).noneMatch((record) -> record.contains(API_KEY) || record.contains(PASSWORD));
    }

}
