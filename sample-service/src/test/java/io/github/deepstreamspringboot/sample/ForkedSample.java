package io.github.deepstreamspringboot.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample in a JVM of its own, as a process supervisor or a terminal runs it: in a process group of its own (so
 * that a test can signal the whole group, as Ctrl+C does), with SIGINT handled by default even when the test runs in
 * a background job (a non-interactive shell starts those with SIGINT ignored, and a JVM that inherits that never sees
 * Ctrl+C: a test could then pass without testing anything). Its output goes to a log file under {@code target/}.
 */
final class ForkedSample implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** SIGINT's bit in /proc/PID/status's SigIgn mask. */
    private static final long SIGINT_MASK = 1L << (2 - 1);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final Process process;

    private final Path log;

    private final int port;

    private ForkedSample(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the sample and waits until its readiness probe (which includes deepstream) answers 200.
     * @param name the log file's name
     * @param arguments the application's arguments besides the port
     * @return the running sample
     */
    static ForkedSample start(String name, String... arguments) throws IOException {
        return launch(name, List.of("-cp", System.getProperty("java.class.path"), SampleApplication.class.getName()),
                arguments);
    }

    /**
     * Starts the sample's executable jar and waits until its readiness probe answers 200.
     * @param name the log file's name
     * @param jar the jar
     * @param systemProperties JVM options before {@code -jar}, e.g. {@code -Dspring.aot.enabled=true}
     * @param arguments the application's arguments besides the port
     * @return the running sample
     */
    static ForkedSample startJar(String name, Path jar, List<String> systemProperties, String... arguments)
            throws IOException {
        List<String> launch = new ArrayList<>(systemProperties);
        launch.addAll(List.of("-jar", jar.toString()));
        return launch(name, launch, arguments);
    }

    private static ForkedSample launch(String name, List<String> launch, String... arguments) throws IOException {
        int port = freePort();
        Path log = Files.createDirectories(Path.of("target", "forked-sample")).resolve(name + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of("setsid", "perl", "-e",
                "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", java.toString(), "-Xmx256m"));
        command.addAll(launch);
        command.add("--server.port=" + port);
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
        ForkedSample sample = new ForkedSample(process, log, port);
        await().atMost(WAIT).until(() -> sample.ready() || !process.isAlive());
        assertThat(process.isAlive()).as(sample::output).isTrue();
        assertThat(sample.ignoresSigint()).as("the sample's JVM must not ignore SIGINT, or no test of it means anything")
            .isFalse();
        return sample;
    }

    int port() {
        return this.port;
    }

    /** @return the JVM's pid, which is also its process group's id */
    long pid() {
        return this.process.pid();
    }

    String output() {
        try {
            return Files.readString(this.log, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            return "(no log: " + ex + ")";
        }
    }

    /** @return the log lines at WARN or ERROR */
    List<String> warnings() {
        return output().lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
    }

    /**
     * Sends a signal with {@code kill}.
     * @param signal the signal's name, e.g. {@code INT}
     * @param toGroup to the whole process group, as a terminal's Ctrl+C does, or to the JVM alone
     */
    void signal(String signal, boolean toGroup) throws IOException, InterruptedException {
        String target = toGroup ? "-" + pid() : Long.toString(pid());
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", target).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %s", signal, target)
            .isTrue();
    }

    /** Sends SIGTERM, as Kubernetes does to a pod it stops. */
    void terminate() {
        this.process.destroy();
    }

    /**
     * @return the exit code, once the JVM has exited
     */
    int awaitExit() throws InterruptedException {
        assertThat(this.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the sample stopped").isTrue();
        return this.process.exitValue();
    }

    boolean ready() {
        try {
            HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean ignoresSigint() throws IOException {
        String ignored = Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
            .filter((line) -> line.startsWith("SigIgn:"))
            .findFirst()
            .orElseThrow()
            .substring("SigIgn:".length())
            .strip();
        return (Long.parseUnsignedLong(ignored, 16) & SIGINT_MASK) != 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Kills what is left: the JVM and its children. A sample that a failed test leaves running would otherwise leave
     * its dev server behind, which runs in a session of its own and outlives a killed JVM.
     */
    @Override
    public void close() {
        this.process.descendants().forEach(ProcessHandle::destroyForcibly);
        this.process.destroyForcibly();
    }

}
