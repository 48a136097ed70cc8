package io.github.deepstreamspringboot.devserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalDeepstreamServer}: the real server's lifecycle.
 */
class LocalDeepstreamServerTests {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void stopsKillsAndRestartsOnTheSamePort() throws Exception {
        try (LocalDeepstreamServer server = LocalDeepstreamServer.builder().build()) {
            server.start();
            int port = server.port();
            assertThat(port).isPositive();
            assertThat(healthStatus(port)).isEqualTo(200);
            assertThat(server.jsonUrl()).isEqualTo("ws://127.0.0.1:" + port + "/deepstream-json");

            server.restart();
            assertThat(server.port()).isEqualTo(port);
            assertThat(healthStatus(port)).isEqualTo(200);

            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThat(healthStatus(port)).isEqualTo(-1);

            server.start();
            assertThat(server.port()).isEqualTo(port);
            assertThat(healthStatus(port)).isEqualTo(200);
            assertThat(Files.readString(server.logFile())).contains("Deepstream started");

            server.stop();
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void theConfigHoldsPasswordHashesIsOwnerOnlyKeptAcrossRestartsAndDeletedOnClose() throws Exception {
        Path folder;
        try (LocalDeepstreamServer server = LocalDeepstreamServer.builder().user("alice", "s3cret", Map.of()).build()) {
            server.start();
            folder = server.logFile().getParent();
            Path config = folder.resolve("config.json");
            assertThat(Files.readString(config)).doesNotContain("s3cret").contains("\"hash\":\"sha256\"");
            try (Stream<Path> files = Files.walk(folder)) {
                assertThat(files.filter(Files::isRegularFile)).allSatisfy(
                        (file) -> assertThat(Files.readString(file)).doesNotContain("s3cret"));
            }
            // that deepstream accepts the hash: DeepstreamClientLoginIntegrationTests logs in with file-auth users
            assertThat(Files.getPosixFilePermissions(config)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(folder)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
            server.restart();
            assertThat(folder).exists();
            assertThat(Files.getPosixFilePermissions(config)).hasSize(2);
        }
        assertThat(folder).doesNotExist();
    }

    @Test
    void foldersLeftByDeadJvmsAreRemovedAtStartAndThoseOfLiveOnesKept() throws Exception {
        Path root = ServerWorkDirectory.defaultRoot();
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path dead = Files.createDirectory(root.resolve(ServerWorkDirectory.PREFIX + finished.pid() + "-test"));
        Files.writeString(dead.resolve("config.json"), "{\"password\":\"left behind\"}");
        Path live = Files.createDirectory(root.resolve(ServerWorkDirectory.PREFIX + ProcessHandle.current().pid()
                + "-test"));
        try {
            ServerWorkDirectory created = ServerWorkDirectory.create(root);
            assertThat(dead).doesNotExist();
            assertThat(live).exists();
            assertThat(created.path().getFileName().toString())
                .startsWith(ServerWorkDirectory.PREFIX + ProcessHandle.current().pid() + "-");
            created.delete();
            assertThat(created.path()).doesNotExist();
        }
        finally {
            Files.deleteIfExists(live);
        }
    }

    private int healthStatus(int port) throws InterruptedException {
        try {
            return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health-check")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (java.io.IOException ex) {
            return -1;
        }
    }

}
