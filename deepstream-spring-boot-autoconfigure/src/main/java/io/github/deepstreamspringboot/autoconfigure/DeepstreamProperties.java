package io.github.deepstreamspringboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;

/**
 * Configuration properties of the deepstream client ({@code deepstream.*}). Defaults match
 * {@link io.github.deepstreamspringboot.client.DeepstreamOptions}.
 */
@ConfigurationProperties("deepstream")
public class DeepstreamProperties {

    /**
     * Whether to create a deepstream client.
     */
    private boolean enabled = true;

    /**
     * WebSocket URL of the deepstream server, for example ws://127.0.0.1:6020. Without a path the endpoint of the
     * protocol is used: /deepstream (binary), which every deepstream server serves, or /deepstream-json when the
     * protocol is json. Credentials and query parameters in it are never logged.
     */
    private @Nullable String url;

    /**
     * WebSocket URLs of the nodes of a deepstream cluster, each as for url, instead of url. They are tried in this
     * order, starting with the first; each lost connection or failed attempt moves on to the next node.
     */
    private List<String> urls = new ArrayList<>();

    /**
     * How messages are encoded. 'auto' speaks JSON to a URL path ending in -json and binary (deepstream's default
     * protobuf encoding) to any other path; 'binary' and 'json' force one. JSON needs the server's ws-json endpoint
     * enabled and is worth it for reading frames while debugging.
     */
    private WireProtocol protocol = WireProtocol.AUTO;

    /**
     * Which WebSocket implementation carries the connection. 'standard' is Spring's StandardWebSocketClient on
     * Tomcat's client; 'reactor-netty' is Netty on Reactor Netty's shared event loops (cheaper per message, no thread
     * per client; needs reactor-netty-http). 'auto' picks reactor-netty in a reactive web application, or when Tomcat's
     * WebSocket client is absent and Reactor Netty is present, and standard otherwise.
     */
    private TransportType transport = TransportType.AUTO;

    /**
     * The client's name: the 'client' tag of its metrics and observations. Worth setting when an application has
     * several clients (each needs a name of its own) or a dashboard shows several services.
     */
    private String clientName = "deepstream";

    /**
     * Auth parameters sent with every login, for example deepstream.auth.username and deepstream.auth.password.
     * Leave empty for a server with open auth.
     */
    private Map<String, String> auth = new LinkedHashMap<>();

    /**
     * Whether to log in once the application is ready.
     */
    private boolean loginOnStartup = true;

    /**
     * Time added to the wait after every failed reconnection attempt. The first attempt after a loss is immediate.
     */
    private Duration reconnectIntervalIncrement = Duration.ofSeconds(4);

    /**
     * Upper bound of the wait between reconnection attempts.
     */
    private Duration maxReconnectInterval = Duration.ofSeconds(30);

    /**
     * Failed reconnection attempts after which the client gives up and enters the ERROR state. Unlimited when not
     * set.
     */
    private @Nullable Integer maxReconnectAttempts;

    /**
     * Random spread of each reconnection wait, as a fraction from 0 to 1 (0.2 spreads it by up to 20% either way).
     */
    private double reconnectJitter = 0.0;

    /**
     * Interval between heartbeat pings. Keep it below twice the server's own heartbeat interval (60s for a server
     * with default settings), or the server drops the connection as idle.
     */
    private Duration heartbeatInterval = Duration.ofSeconds(30);

    /**
     * Time allowed to open the WebSocket and have the server accept the connection.
     */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /**
     * Time allowed for the server to answer a request such as a login.
     */
    private Duration requestTimeout = Duration.ofSeconds(10);

    /**
     * Largest message the client accepts.
     */
    private DataSize maxMessageSize = DataSize.ofMegabytes(1);

    private final OfflineQueue offlineQueue = new OfflineQueue();

    private final Handler handler = new Handler();

    private final Backlog backlog = new Backlog();

    private final Shutdown shutdown = new Shutdown();

    private final Health health = new Health();

    private final Record record = new Record();

    private final Ssl ssl = new Ssl();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getUrl() {
        return this.url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public List<String> getUrls() {
        return this.urls;
    }

    public void setUrls(List<String> urls) {
        this.urls = urls;
    }

    public String getClientName() {
        return this.clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public WireProtocol getProtocol() {
        return this.protocol;
    }

    public void setProtocol(WireProtocol protocol) {
        this.protocol = protocol;
    }

    public TransportType getTransport() {
        return this.transport;
    }

    public void setTransport(TransportType transport) {
        this.transport = transport;
    }

    public Map<String, String> getAuth() {
        return this.auth;
    }

    public void setAuth(Map<String, String> auth) {
        this.auth = auth;
    }

    public boolean isLoginOnStartup() {
        return this.loginOnStartup;
    }

    public void setLoginOnStartup(boolean loginOnStartup) {
        this.loginOnStartup = loginOnStartup;
    }

    public Duration getReconnectIntervalIncrement() {
        return this.reconnectIntervalIncrement;
    }

    public void setReconnectIntervalIncrement(Duration reconnectIntervalIncrement) {
        this.reconnectIntervalIncrement = reconnectIntervalIncrement;
    }

    public Duration getMaxReconnectInterval() {
        return this.maxReconnectInterval;
    }

    public void setMaxReconnectInterval(Duration maxReconnectInterval) {
        this.maxReconnectInterval = maxReconnectInterval;
    }

    public @Nullable Integer getMaxReconnectAttempts() {
        return this.maxReconnectAttempts;
    }

    public void setMaxReconnectAttempts(@Nullable Integer maxReconnectAttempts) {
        this.maxReconnectAttempts = maxReconnectAttempts;
    }

    public double getReconnectJitter() {
        return this.reconnectJitter;
    }

    public void setReconnectJitter(double reconnectJitter) {
        this.reconnectJitter = reconnectJitter;
    }

    public Duration getHeartbeatInterval() {
        return this.heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return this.requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public DataSize getMaxMessageSize() {
        return this.maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public OfflineQueue getOfflineQueue() {
        return this.offlineQueue;
    }

    public Handler getHandler() {
        return this.handler;
    }

    public Backlog getBacklog() {
        return this.backlog;
    }

    public Shutdown getShutdown() {
        return this.shutdown;
    }

    public Health getHealth() {
        return this.health;
    }

    public Ssl getSsl() {
        return this.ssl;
    }

    public Record getRecord() {
        return this.record;
    }

    /**
     * Limits of the queue that holds messages sent while the client is not logged in.
     */
    public static class OfflineQueue {

        /**
         * Messages that may wait in this queue while the client is not logged in (at least 1); further sends fail
         * with OFFLINE_QUEUE_FULL.
         */
        private int maxSize = 10_000;

        /**
         * How long a message may wait for a connection before its operation fails with OFFLINE_QUEUE_EXPIRED.
         */
        private Duration maxAge = Duration.ofSeconds(60);

        public int getMaxSize() {
            return this.maxSize;
        }

        public void setMaxSize(int maxSize) {
            this.maxSize = maxSize;
        }

        public Duration getMaxAge() {
            return this.maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

    }

    /**
     * Limits of the handlers: event handlers, record and presence listeners, RPC providers.
     */
    public static class Handler {

        /**
         * Messages that may wait for one busy handler (at least 1). Further ones are dropped (an RPC request is
         * rejected, so that the server can offer it to another provider) and reported as SLOW_CONSUMER, once per
         * streak, until the handler has caught up.
         */
        private int maxPending = 10_000;

        public int getMaxPending() {
            return this.maxPending;
        }

        public void setMaxPending(int maxPending) {
            this.maxPending = maxPending;
        }

    }

    /**
     * The bound on messages waiting for the socket, online or offline.
     */
    public static class Backlog {

        /**
         * Heap that messages waiting for the socket may hold at once, online or offline, estimated from their names
         * and payloads plus a fixed cost per message: the default holds a burst of about 100 000 messages of 100
         * bytes.
         */
        private DataSize maxSize = DataSize.ofMegabytes(64);

        /**
         * How long a send waits for room in a full backlog before it fails with OFFLINE_QUEUE_FULL; 0 fails at
         * once. Sends from the client's own threads (listeners, handlers, providers) never wait.
         */
        private Duration maxWait = Duration.ZERO;

        public DataSize getMaxSize() {
            return this.maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }

        public Duration getMaxWait() {
            return this.maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }

    }

    /**
     * How the client stops with the application.
     */
    public static class Shutdown {

        /**
         * How long the client drains when the application stops, after the web server has drained its requests:
         * what was accepted goes out and is acknowledged, then the connection closes. Whatever is left after it is
         * reported. Keep it below spring.lifecycle.timeout-per-shutdown-phase (30s by default).
         */
        private Duration drainTimeout = Duration.ofSeconds(10);

        public Duration getDrainTimeout() {
            return this.drainTimeout;
        }

        public void setDrainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
        }

    }

    /**
     * Settings of the deepstream health indicator.
     */
    public static class Health {

        /**
         * How long the client may be connecting or reconnecting before the health indicator reports DOWN instead of
         * UNKNOWN.
         */
        private Duration reconnectGracePeriod = Duration.ofSeconds(30);

        public Duration getReconnectGracePeriod() {
            return this.reconnectGracePeriod;
        }

        public void setReconnectGracePeriod(Duration reconnectGracePeriod) {
            this.reconnectGracePeriod = reconnectGracePeriod;
        }

    }

    /**
     * TLS for wss:// URLs.
     */
    public static class Ssl {

        /**
         * Whether the connection must use TLS. With it on, a ws:// URL fails start-up. Unset: TLS exactly for wss://
         * URLs, with the JVM's trust store unless a bundle is named.
         */
        private @Nullable Boolean enabled;

        /**
         * Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) with the trust store, a custom CA, or a client key
         * and certificate for the connection. Naming one turns TLS on.
         */
        private @Nullable String bundle;

        public @Nullable Boolean getEnabled() {
            return this.enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getBundle() {
            return this.bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

        /** @return whether TLS is required: enabled, or a bundle named */
        boolean required() {
            return Boolean.TRUE.equals(this.enabled) || (this.bundle != null && !this.bundle.isBlank());
        }

    }

    /**
     * Settings of records.
     */
    public static class Record {

        /**
         * How record conflicts are merged: REMOTE_WINS keeps the server's data, LOCAL_WINS writes this client's data
         * over it. A MergeStrategy bean, or one set per record, takes precedence.
         */
        private MergeStrategyName mergeStrategy = MergeStrategyName.REMOTE_WINS;

        /**
         * How long a record stays subscribed after its last handle was discarded, so that getting it again within
         * that time needs no unsubscribe and subscribe round trip. Zero unsubscribes at once; deepstream's own client
         * waits 5s.
         */
        private Duration discardTimeout = Duration.ZERO;

        public MergeStrategyName getMergeStrategy() {
            return this.mergeStrategy;
        }

        public void setMergeStrategy(MergeStrategyName mergeStrategy) {
            this.mergeStrategy = mergeStrategy;
        }

        public Duration getDiscardTimeout() {
            return this.discardTimeout;
        }

        public void setDiscardTimeout(Duration discardTimeout) {
            this.discardTimeout = discardTimeout;
        }

    }

    /**
     * The built-in merge strategies.
     */
    public enum MergeStrategyName {

        /** The server's data wins. */
        REMOTE_WINS,

        /** This client's data wins. */
        LOCAL_WINS

    }

}
