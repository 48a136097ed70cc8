package io.github.deepstreamspringboot.devserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real deepstream server ({@code @deepstream/server} 7.0.2 from npm) running as a child process on 127.0.0.1, for
 * development and tests. The first {@link #start()} installs the server into a cache folder ({@code npm ci}, once per
 * machine and lockfile), picks a free port unless one was given, writes the configuration and waits for the server's
 * {@code /health-check}. The server can be {@link #stop() stopped}, {@link #kill() killed} ({@code kill -9}) and
 * started again on the same port.
 *
 * <p>Needs Node.js 18+ and npm on the {@code PATH}; without them {@link #start()} fails with a message that says what
 * to install. Thread-safe: lifecycle methods are synchronized.
 *
 * <p>The node process runs in a session of its own ({@code setsid}, where there is one), so that a terminal's Ctrl+C,
 * which signals the whole foreground process group, reaches the application but not its server: the application
 * stops the server itself, as the last step of its own shutdown. A JVM shutdown hook kills a server that is still
 * running (see {@link Builder#shutdownHookGrace}), so no node process outlives the JVM.
 */
public final class LocalDeepstreamServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LocalDeepstreamServer.class);

    /** System property naming the cache folder for installations. */
    public static final String CACHE_PROPERTY = "deepstream.server.cache";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Builder settings;

    private final HealthCheck health;

    private @Nullable ServerWorkDirectory workDirectory;

    private @Nullable Path installation;

    private int port;

    /** Volatile for the shutdown hook, which reads it without the lock. */
    private volatile @Nullable Process process;

    private final ServerShutdownHook shutdownHook;

    private LocalDeepstreamServer(Builder settings) {
        this.settings = settings;
        this.port = settings.port;
        this.health = new HealthCheck(settings.tls);
        this.shutdownHook = new ServerShutdownHook(settings.shutdownHookGrace);
    }

    /**
     * Starts describing a server: open auth, both WebSocket endpoints, deepstream's default timings.
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server and waits until it answers its health check. Installs it first if needed.
     * @return this server
     * @throws IllegalStateException if Node.js is missing, the installation fails or the server does not come up
     */
    public synchronized LocalDeepstreamServer start() {
        if (isRunning()) {
            return this;
        }
        NodeRuntime runtime = NodeRuntime.locate();
        if (this.installation == null) {
            this.installation = NpmInstallation.SERVER.ensureInstalled(this.settings.cacheRoot(), runtime);
        }
        try {
            if (this.workDirectory == null) {
                this.workDirectory = ServerWorkDirectory.create(ServerWorkDirectory.defaultRoot());
            }
            if (this.port == 0) {
                this.port = freePort();
            }
            Path config = this.workDirectory.writeConfig(JsonMapper.builder().build()
                .writeValueAsString(configuration()));
            Path log = logFile();
            Path cli = this.installation.resolve("node_modules/@deepstream/server/dist/bin/deepstream");
            this.process = new ProcessBuilder(runtime.detached(cli.toString(), "start", "-c", config.toString()))
                .directory(this.workDirectory.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the deepstream server", ex);
        }
        registerShutdownHook();
        awaitHealthy();
        logger.info("deepstream server {} is running on 127.0.0.1:{} (pid {}, log {})", version(), this.port,
                this.process.pid(), logFile());
        return this;
    }

    /** Stops the server gracefully (SIGTERM), killing it if it does not exit within 10 s. The port stays reserved. */
    public synchronized void stop() {
        if (this.process == null) {
            return;
        }
        // a paused process would hold SIGTERM until continued
        signalQuietly("CONT");
        this.process.destroy();
        try {
            if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("deepstream server did not stop within {}; killing it", STOP_TIMEOUT);
                kill();
                return;
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            kill();
            return;
        }
        this.process = null;
        logger.info("deepstream server on port {} stopped", this.port);
    }

    /** Kills the server at once ({@code kill -9}), as a crash would, and waits until it is gone. */
    public synchronized void kill() {
        if (this.process == null) {
            return;
        }
        Process killed = this.process;
        killed.descendants().forEach(ProcessHandle::destroyForcibly);
        killed.destroyForcibly();
        try {
            killed.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.process = null;
        logger.info("deepstream server on port {} killed", this.port);
    }

    /**
     * Freezes the server process ({@code SIGSTOP}): its sockets stay open but it answers nothing, as a hung server
     * or a stalled network would.
     */
    public synchronized void pause() {
        ProcessSignals.send(this.process, "STOP");
    }

    private void signalQuietly(String signal) {
        try {
            ProcessSignals.send(this.process, signal);
        }
        catch (RuntimeException ex) {
            logger.debug("Could not send SIG{} to the deepstream server", signal, ex);
        }
    }

    /** Lets a {@link #pause() paused} server run again ({@code SIGCONT}). */
    public synchronized void resume() {
        ProcessSignals.send(this.process, "CONT");
    }

    /** Stops the server (if running) and starts it again on the same port. */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Stops the server, deletes its folder (config and log: the config holds the users' passwords) and forgets its
     * shutdown hook. {@link #stop()} keeps the folder, since {@link #restart()} needs it.
     */
    @Override
    public synchronized void close() {
        stop();
        if (this.workDirectory != null) {
            this.workDirectory.delete();
            this.workDirectory = null;
        }
        this.shutdownHook.closed();
        this.shutdownHook.unregister();
    }

    /** @return whether the server process is alive */
    public synchronized boolean isRunning() {
        return this.process != null && this.process.isAlive();
    }

    /**
     * Returns the CPU time the running server has used so far (its process and any children), for benchmarks that
     * compare what the server spends per message.
     * @return the CPU time; zero when the server is not running or the platform does not tell
     */
    public synchronized Duration cpuTime() {
        if (this.process == null || !this.process.isAlive()) {
            return Duration.ZERO;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(this.process.toHandle()),
                this.process.descendants())
            .map((handle) -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
            .reduce(Duration.ZERO, Duration::plus);
    }

    /** @return the server's port; 0 before the first start when none was given */
    public synchronized int port() {
        return this.port;
    }

    /** @return the URL of the JSON endpoint, e.g. {@code ws://127.0.0.1:6020/deepstream-json} */
    public String jsonUrl() {
        return scheme() + "://127.0.0.1:" + port() + Endpoint.WS_JSON.path();
    }

    private String scheme() {
        return (this.settings.tls != null) ? "wss" : "ws";
    }

    /** @return the URL of the binary endpoint, the one every deepstream server serves and the clients use by default */
    public String binaryUrl() {
        return scheme() + "://127.0.0.1:" + port() + Endpoint.WS_BINARY.path();
    }

    /** @return the server's log file (stdout and stderr of every start) */
    public synchronized Path logFile() {
        return (this.workDirectory != null) ? this.workDirectory.log() : null;
    }

    /** @return the pinned {@code @deepstream/server} version */
    public static String version() {
        return "7.0.2";
    }

    private void awaitHealthy() {
        boolean healthy;
        try {
            healthy = this.health.await(this.port, this.process, this.settings.startTimeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("Interrupted while starting the deepstream server", ex);
        }
        if (healthy) {
            return;
        }
        if (!this.process.isAlive()) {
            this.process = null;
            throw new IllegalStateException("The deepstream server exited during start-up (port " + this.port
                    + "). Last output:\n" + NpmInstallation.tail(logFile(), 30));
        }
        kill();
        throw new IllegalStateException("The deepstream server did not answer " + this.health.uri(this.port)
                + " within " + this.settings.startTimeout + ". Last output:\n" + NpmInstallation.tail(logFile(), 30));
    }

    private void registerShutdownHook() {
        this.shutdownHook.register(() -> {
            Process running = this.process;
            if (running != null) {
                running.destroyForcibly();
                running.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally((ex) -> null).join();
            }
            ServerWorkDirectory folder = this.workDirectory;
            if (folder != null) {
                folder.delete();
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Map<String, Object> configuration() {
        return new ServerConfiguration(this.port, HealthCheck.PATH, this.settings.endpoints,
                this.settings.heartbeatInterval, this.settings.maxAuthAttempts,
                this.settings.unauthenticatedClientTimeout, this.settings.users, this.settings.permissions,
                this.settings.tls, this.settings.extra).toMap();
    }

    /** The WebSocket endpoints the server can offer. */
    public enum Endpoint {

        /** JSON text frames at {@code /deepstream-json}; off on a stock server, readable while debugging. */
        WS_JSON("ws-json", "/deepstream-json"),

        /** Protobuf binary frames at {@code /deepstream}; a stock server's only endpoint, and the clients' default. */
        WS_BINARY("ws-binary", "/deepstream");

        private final String type;

        private final String path;

        Endpoint(String type, String path) {
            this.type = type;
            this.path = path;
        }

        String type() {
            return this.type;
        }

        /** @return the endpoint's URL path */
        public String path() {
            return this.path;
        }

    }

    /**
     * Describes a {@link LocalDeepstreamServer}. Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, Object> users = new LinkedHashMap<>();

        private Set<Endpoint> endpoints = EnumSet.allOf(Endpoint.class);

        private Duration heartbeatInterval = Duration.ofSeconds(30);

        private Duration unauthenticatedClientTimeout = Duration.ofSeconds(180);

        private int maxAuthAttempts = 3;

        private int port;

        private @Nullable Path cacheRoot;

        private Duration startTimeout = Duration.ofSeconds(60);

        private Duration shutdownHookGrace = Duration.ZERO;

        private @Nullable Map<String, Object> permissions;

        private @Nullable ServerTls tls;

        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Replaces the default permissions (everything allowed) with deepstream's permission configuration, as its
         * {@code permissions.yml} would hold it, e.g. {@code {"event": {"*": {"publish": true, ...}}}}.
         * @param permissions the permissions by section
         * @return this builder
         */
        public Builder permissions(Map<String, Object> permissions) {
            this.permissions = Map.copyOf(permissions);
            return this;
        }

        /**
         * Adds a user and switches the server to file authentication (without users it runs open auth).
         * @param username the username
         * @param password the clear-text password
         * @return this builder
         */
        public Builder user(String username, String password) {
            return user(username, password, Map.of());
        }

        /**
         * Adds a user with client data (sent to the client on login) and switches to file authentication.
         * @param username the username
         * @param password the clear-text password
         * @param clientData the user's client data
         * @return this builder
         */
        public Builder user(String username, String password, Map<String, ?> clientData) {
            Map<String, Object> user = new LinkedHashMap<>();
            // hashed at once: neither this builder nor the server's config file holds the clear text
            user.put("password", PasswordHash.of(Objects.requireNonNull(password, "'password' must not be null")));
            if (!clientData.isEmpty()) {
                user.put("clientData", clientData);
            }
            this.users.put(Objects.requireNonNull(username, "'username' must not be null"), user);
            return this;
        }

        /**

         * @param endpoints the WebSocket endpoints to offer (default both)

         * @return this builder

         */
        public Builder endpoints(Endpoint... endpoints) {
            this.endpoints = EnumSet.copyOf(List.of(endpoints));
            return this;
        }

        /**

         * @param interval the server's heartbeat interval (it drops sockets silent for twice this)

         * @return this builder

         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        /**

         * @param timeout how long a socket may stay connected without logging in

         * @return this builder

         */
        public Builder unauthenticatedClientTimeout(Duration timeout) {
            this.unauthenticatedClientTimeout = timeout;
            return this;
        }

        /**

         * @param attempts refused logins per socket before the server closes it

         * @return this builder

         */
        public Builder maxAuthAttempts(int attempts) {
            this.maxAuthAttempts = attempts;
            return this;
        }

        /**

         * @param port the port, or 0 (default) for a free one chosen at the first start

         * @return this builder

         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * @param cacheRoot where installations are kept (default: system property
         * {@value LocalDeepstreamServer#CACHE_PROPERTY},
         * else {@code ~/.cache/deepstream-spring-boot})
         * @return this builder
         */
        public Builder cacheRoot(Path cacheRoot) {
            this.cacheRoot = cacheRoot;
            return this;
        }

        /**

         * @param timeout how long to wait for the health check after starting (default 60 s)

         * @return this builder

         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Lets an owner that closes the server as part of its own shutdown do so without a race: when the JVM shuts
         * down while the server runs, the server's shutdown hook first waits up to this long for {@link #close()},
         * and kills the server only if nobody closed it by then. The starter sets it, since a Spring application
         * closes the server as its last bean, after its client has drained.
         * @param grace how long the hook waits (default zero: it kills the server at once)
         * @return this builder
         */
        public Builder shutdownHookGrace(Duration grace) {
            this.shutdownHookGrace = Objects.requireNonNull(grace, "'grace' must not be null");
            return this;
        }

        /**
         * Serves TLS ({@code wss://}, and {@code https://} for the health check) with the given PEM material. The
         * key goes into the server's config file, which is owner-only and deleted on {@link #close()}.
         * @param tls the key, certificate and CA
         * @return this builder
         */
        public Builder tls(ServerTls tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Sets a top-level section of the server's config as it is, for what the builder has no method for, such as
         * the {@code cache} and {@code clusterNode} plugins of a cluster node.
         * @param key the section, e.g. {@code cache}
         * @param value its value, written as JSON
         * @return this builder
         */
        public Builder config(String key, Object value) {
            this.extra.put(key, value);
            return this;
        }

        /** @return a server, not started yet */
        public LocalDeepstreamServer build() {
            return new LocalDeepstreamServer(this);
        }

        Path cacheRoot() {
            if (this.cacheRoot != null) {
                return this.cacheRoot;
            }
            String configured = System.getProperty(CACHE_PROPERTY);
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured);
            }
            return Path.of(System.getProperty("user.home"), ".cache", "deepstream-spring-boot");
        }

    }

}
