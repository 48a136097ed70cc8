package io.github.deepstreamspringboot.devserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official deepstream JavaScript client ({@code @deepstream/client} 7.0.5, pinned, installed on first use with
 * {@code npm ci}, like the local server) running in a node process that a test drives line by line: the reference
 * peer of interop tests, ours and your application's (the sample's rolling-deploy test counts with it what a service
 * emitted and wrote). It connects to the server's binary endpoint, as the JavaScript client does by default.
 * Operations ({@link #call}): {@code subscribe}, {@code subscribeCount} and {@code count} (counts events, for
 * bursts), {@code emit}, {@code provide}, {@code make}, {@code recordSubscribe}, {@code recordSet},
 * {@code recordGet}, {@code listAdd}, {@code listEntries}, the presence operations and {@code close}; see
 * {@code js-peer/peer.js} beside this class.
 *
 * <p><b>Thread model.</b> Thread-safe: commands are written under a lock, and a reader thread completes their
 * answers.
 */
public final class JsClientPeer implements AutoCloseable {

    private static final NpmInstallation CLIENT = new NpmInstallation("js-client",
            "/io/github/deepstreamspringboot/devserver/js-peer/",
            List.of("package.json", "package-lock.json", ".npmrc", "peer.js"));

    private final JsonMapper json = JsonMapper.builder().build();

    private final Process process;

    private final Writer input;

    private final AtomicInteger ids = new AtomicInteger();

    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

    private JsClientPeer(Process process) {
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "js-peer-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a JavaScript client and logs it in.
     * @param server the server (its binary endpoint is used)
     * @param username the user to log in as (open auth)
     * @return the peer
     */
    public static JsClientPeer connect(LocalDeepstreamServer server, String username) {
        NodeRuntime runtime = NodeRuntime.locate();
        Path directory = CLIENT.ensureInstalled(LocalDeepstreamServer.builder().cacheRoot(), runtime);
        try {
            Path log = Files.createTempFile("js-peer-", ".log");
            Process process = new ProcessBuilder(runtime.node().toString(), "peer.js").directory(directory.toFile())
                .redirectError(log.toFile())
                .start();
            JsClientPeer peer = new JsClientPeer(process);
            peer.call("connect", Map.of("url", server.binaryUrl(), "username", username));
            return peer;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Runs a script of its own with the JavaScript client's installation on its module path (for the benchmark),
     * and returns its standard output once it exits.
     * @param script the script
     * @param timeout the longest it may run
     * @param arguments its arguments
     * @return what it printed on standard output
     */
    public static String runScript(Path script, java.time.Duration timeout, String... arguments) {
        NodeRuntime runtime = NodeRuntime.locate();
        Path directory = CLIENT.ensureInstalled(LocalDeepstreamServer.builder().cacheRoot(), runtime);
        List<String> command = new java.util.ArrayList<>(List.of(runtime.node().toString(), script.toString()));
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("js-script-", ".out");
            Path errors = Files.createTempFile("js-script-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile());
            builder.environment().put("NODE_PATH", directory.resolve("node_modules").toString());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed: " + Files.readString(errors));
            }
            String printed = Files.readString(output);
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
            return printed;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, ex);
        }
    }

    /**
     * Runs one operation of {@code peer.js} and waits for its result.
     * @param op the operation
     * @param arguments its arguments
     * @return the result
     * @throws JsPeerException if the JavaScript client reported an error
     */
    public JsonNode call(String op, Map<String, ?> arguments) {
        int id = this.ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        this.pending.put(id, answer);
        Map<String, Object> command = new LinkedHashMap<>(arguments);
        command.put("id", id);
        command.put("op", op);
        try {
            synchronized (this.input) {
                this.input.write(this.json.writeValueAsString(command) + "\n");
                this.input.flush();
            }
            return answer.get(20, TimeUnit.SECONDS);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (ExecutionException ex) {
            throw (ex.getCause() instanceof JsPeerException peer) ? peer : new IllegalStateException(ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("The JavaScript client did not answer '" + op + "'", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** @return what the JavaScript client received so far: events, presence changes, errors */
    public List<JsonNode> notifications() {
        return this.notifications;
    }

    @Override
    public void close() {
        try {
            call("close", Map.of());
        }
        catch (RuntimeException ex) {
            // the process is ended below either way
        }
        this.process.destroy();
    }

    private void readOutput() {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                JsonNode message = this.json.readTree(line);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> answer = this.pending.remove(message.get("id").intValue());
                    if (answer != null && message.get("ok").asBoolean()) {
                        answer.complete(message.get("result"));
                    }
                    else if (answer != null) {
                        answer.completeExceptionally(new JsPeerException(message.get("error").asString()));
                    }
                }
                else {
                    this.notifications.add(message);
                }
            }
        }
        catch (IOException ex) {
            // the process ended
        }
    }

    /** An error the JavaScript client reported, e.g. {@code NO_RPC_PROVIDER}. */
    public static final class JsPeerException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        JsPeerException(String message) {
            super(message);
        }

    }

}
