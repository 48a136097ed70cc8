package io.github.deepstreamspringboot.client;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that left Tomcat out (excluded {@code tomcat-embed-websocket}) and has Reactor Netty: with the
 * default options the client runs on Reactor Netty, and asking for the standard transport fails naming what to add.
 * In a JVM of its own whose class path is this one's without Tomcat's jars.
 */
class WithoutTomcatIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    @Test
    void theDefaultTransportIsReactorNettyAndStandardIsRefusedByName(@TempDir Path folder) throws Exception {
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter((entry) -> !entry.contains("tomcat"))
            .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = folder.resolve("without-tomcat.log");
        Process process = new ProcessBuilder(java.toString(), "-cp", classPath, Application.class.getName(),
                server.url(WireProtocol.BINARY))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the application finished").isTrue();
        }
        finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("tomcat absent", "echoed hello", "standard refused: 'transport' is STANDARD, "
                + "which needs Tomcat's WebSocket client (org.apache.tomcat.embed:tomcat-embed-websocket)");
    }

    /** The application without Tomcat. Argument: the server's URL. Reports on stdout. */
    public static final class Application {

        public static void main(String[] args) throws Exception {
            try {
                Class.forName("org.apache.tomcat.websocket.WsWebSocketContainer");
                System.out.println("tomcat present");
            }
            catch (ClassNotFoundException ex) {
                System.out.println("tomcat absent");
            }
            try (DeepstreamClient client = DeepstreamClient.create(args[0])) {
                client.login(Map.of("username", "without-tomcat")).get(10, TimeUnit.SECONDS);
                CompletableFuture<String> echoed = new CompletableFuture<>();
                client.event().subscribe("without-tomcat", String.class, echoed::complete)
                    .whenSubscribed()
                    .get(10, TimeUnit.SECONDS);
                client.event().emit("without-tomcat", "hello").get(10, TimeUnit.SECONDS);
                System.out.println("echoed " + echoed.get(10, TimeUnit.SECONDS));
            }
            try {
                DeepstreamOptions.builder().transport(TransportType.STANDARD).build();
            }
            catch (IllegalArgumentException ex) {
                System.out.println("standard refused: " + ex.getMessage());
            }
        }

    }

}
