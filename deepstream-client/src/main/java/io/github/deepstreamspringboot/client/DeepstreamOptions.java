package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.internal.protocol.DefaultJsonMapper;
import io.github.deepstreamspringboot.client.observation.EventObservationConvention;
import io.github.deepstreamspringboot.client.observation.RecordWriteObservationConvention;
import io.github.deepstreamspringboot.client.observation.RpcObservationConvention;
import io.github.deepstreamspringboot.client.record.MergeStrategy;
import org.jspecify.annotations.Nullable;

/**
 * Immutable options of a {@link DeepstreamClient}. Every default is a {@code DEFAULT_*} constant here, in one place;
 * {@link Builder#build()} validates and names the option that is wrong.
 *
 * <p>Defaults suit a server-side application: it never gives up reconnecting, and waits at most 30 s between
 * attempts.
 */
public final class DeepstreamOptions {

    /** Added to the wait after every failed reconnection attempt: 4 s. */
    public static final Duration DEFAULT_RECONNECT_INTERVAL_INCREMENT = Duration.ofSeconds(4);

    /** Upper bound of the wait between reconnection attempts: 30 s. */
    public static final Duration DEFAULT_MAX_RECONNECT_INTERVAL = Duration.ofSeconds(30);

    /** Reconnection attempts before the client gives up and enters {@code ERROR}: unlimited. */
    public static final int DEFAULT_MAX_RECONNECT_ATTEMPTS = Integer.MAX_VALUE;

    /** Random spread of each reconnection wait, as a fraction of it (0.2 = ±20 %): 0, no jitter. */
    public static final double DEFAULT_RECONNECT_JITTER = 0.0;

    /** Interval between the client's heartbeat pings: 30 s. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);

    /** Time allowed to open the WebSocket and have the challenge accepted: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Time allowed for the server to answer a request such as a login: 10 s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Client-side deadline of an RPC call, from the call to its result, so no call waits forever: 30 s. */
    public static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofSeconds(30);

    /** Messages the offline queue holds while the client is not logged in: 10 000. */
    public static final int DEFAULT_OFFLINE_QUEUE_MAX_SIZE = 10_000;

    /**
     * Heap that messages waiting for the socket may hold, online or offline, as estimated per message: 64 MiB, a
     * burst of about 100 000 messages of 100 bytes of JSON.
     */
    public static final long DEFAULT_BACKLOG_MAX_SIZE = 64L * 1024 * 1024;

    /**
     * Messages that may wait for one handler (event handler, record or presence listener, RPC provider) before further
     * ones are dropped and reported as {@link ErrorKind#SLOW_CONSUMER}: 10 000.
     */
    public static final int DEFAULT_HANDLER_MAX_PENDING = 10_000;

    /** How long a send waits for room in a full backlog before it is refused: zero, refused at once. */
    public static final Duration DEFAULT_BACKLOG_MAX_WAIT = Duration.ZERO;

    /** How long a message may wait in the offline queue before its operation fails: 60 s. */
    public static final Duration DEFAULT_OFFLINE_QUEUE_MAX_AGE = Duration.ofSeconds(60);

    /** Largest frame the client accepts, the server's own default limit: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

    /** Default {@link #name()}. */
    public static final String DEFAULT_NAME = "deepstream";

    /** Default {@link #recordDiscardTimeout()}: zero, a discarded record is unsubscribed at once. */
    public static final Duration DEFAULT_RECORD_DISCARD_TIMEOUT = Duration.ZERO;

    /** How messages are encoded, and so which endpoint a URL without a path goes to: {@code AUTO}. */
    public static final WireProtocol DEFAULT_PROTOCOL = WireProtocol.AUTO;

    /** Which WebSocket implementation carries the connection: {@code AUTO}. */
    public static final TransportType DEFAULT_TRANSPORT = TransportType.AUTO;

    /** Whether {@code DeepstreamClient.create} starts connecting at once: true. */
    public static final boolean DEFAULT_AUTO_CONNECT = true;

    /**
     * A server with default settings drops a connection that sent nothing for this long (2 × its 30 s heartbeat
     * interval): heartbeat intervals at or above it are warned about.
     */
    public static final Duration SERVER_DEFAULT_IDLE_LIMIT = Duration.ofSeconds(60);

    private static final DeepstreamOptions DEFAULTS = builder().build();

    /**
     * The values, held in a copy of the builder that nothing else sees: one list of options (the builder's fields,
     * with their defaults) instead of a mirror of it here, and the options stay immutable.
     */
    private final Builder values;

    private DeepstreamOptions(Builder builder) {
        this.values = builder.copy();
    }

    /** @return the options with every default */
    public static DeepstreamOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these options' values */
    public Builder toBuilder() {
        return this.values.copy();
    }

    /** @return the wait added after every failed reconnection attempt */
    public Duration reconnectIntervalIncrement() {
        return this.values.reconnectIntervalIncrement;
    }

    /** @return the upper bound of the wait between reconnection attempts */
    public Duration maxReconnectInterval() {
        return this.values.maxReconnectInterval;
    }

    /** @return the reconnection attempts before giving up; {@link Integer#MAX_VALUE} means unlimited */
    public int maxReconnectAttempts() {
        return this.values.maxReconnectAttempts;
    }

    /** @return the random spread of each reconnection wait, as a fraction */
    public double reconnectJitter() {
        return this.values.reconnectJitter;
    }

    /** @return the interval between heartbeat pings */
    public Duration heartbeatInterval() {
        return this.values.heartbeatInterval;
    }

    /** @return the time allowed to open the WebSocket and have the challenge accepted */
    public Duration connectTimeout() {
        return this.values.connectTimeout;
    }

    /** @return the time allowed for the server to answer a request */
    public Duration requestTimeout() {
        return this.values.requestTimeout;
    }

    /** @return the client-side deadline of an RPC call */
    public Duration rpcTimeout() {
        return this.values.rpcTimeout;
    }

    /** @return the mapper that converts payloads to and from Java types (the shared default if none was given) */
    public JsonMapper jsonMapper() {
        // the default is built only when asked for: an application that gives its own never pays for it
        return (this.values.jsonMapper != null) ? this.values.jsonMapper : DefaultJsonMapper.get();
    }

    /** @return how record conflicts are merged when a record has no strategy of its own */
    public MergeStrategy mergeStrategy() {
        return this.values.mergeStrategy;
    }

    /** @return how long a record stays subscribed after its last handle was discarded */
    public Duration recordDiscardTimeout() {
        return this.values.recordDiscardTimeout;
    }

    /**
     * @return the messages that may wait in the offline queue while the client is not logged in; further sends fail
     * with {@link ErrorKind#OFFLINE_QUEUE_FULL}
     */
    public int offlineQueueMaxSize() {
        return this.values.offlineQueueMaxSize;
    }

    /**
     * @return the messages that may wait for one handler (an event handler, a record or presence listener, an RPC
     * provider) while it is busy; further ones are dropped (an RPC request is rejected, so that the server can try
     * another provider) and reported as {@link ErrorKind#SLOW_CONSUMER}, once per streak, until it has caught up
     */
    public int handlerMaxPending() {
        return this.values.handlerMaxPending;
    }

    /**
     * @return the heap, in bytes, that messages waiting for the socket may hold, online or offline (estimated from
     * their names and payloads, plus a fixed cost per message); a send beyond it waits up to
     * {@link #backlogMaxWait()}, then fails with
     * {@link ErrorKind#OFFLINE_QUEUE_FULL}
     */
    public long backlogMaxSize() {
        return this.values.backlogMaxSize;
    }

    /**
     * @return how long a send waits for room in a full backlog before it is refused; zero refuses at once. Sends made
     * on the client's own threads (listeners, handlers, providers) never wait.
     */
    public Duration backlogMaxWait() {
        return this.values.backlogMaxWait;
    }

    /** @return how long a message may wait in the offline queue */
    public Duration offlineQueueMaxAge() {
        return this.values.offlineQueueMaxAge;
    }

    /** @return the largest frame the client accepts, in bytes */
    public int maxMessageSize() {
        return this.values.maxMessageSize;
    }

    /** @return what {@code login()} without arguments sends, asked again for every automatic re-login */
    public Supplier<? extends Map<String, ?>> authParams() {
        return this.values.authParams;
    }

    /** @return the wire protocol, which also decides the endpoint path used when the URL has none */
    public WireProtocol protocol() {
        return this.values.protocol;
    }

    /** @return which WebSocket implementation carries the connection */
    public TransportType transport() {
        return this.values.transport;
    }

    /** @return whether the client starts connecting when created (else on {@code connect()} or the first login) */
    public boolean autoConnect() {
        return this.values.autoConnect;
    }

    /**
     * @return the TLS context for {@code wss://} URLs (trust store, client key and certificate), or {@code null} for
     * the JVM's default
     */
    public @Nullable SSLContext sslContext() {
        return this.values.sslContext;
    }

    /**
     * @return whether listeners, callbacks and handlers run on virtual threads (Java 21+) instead of the client's
     * platform threads; the event loop is a platform thread either way
     */
    public boolean virtualThreads() {
        return this.values.virtualThreads;
    }

    /**
     * @return the client's name: the {@code client} tag of its metrics and observations, which tells the clients of
     * one application apart
     */
    public String name() {
        return this.values.name;
    }

    /** @return where RPC and event observations go; {@link ObservationRegistry#NOOP} (the default) observes nothing */
    public ObservationRegistry observationRegistry() {
        return this.values.observationRegistry;
    }

    /** @return the custom RPC observation convention, or {@code null} for the default */
    public @Nullable RpcObservationConvention rpcObservationConvention() {
        return this.values.rpcObservationConvention;
    }

    /** @return the custom event observation convention, or {@code null} for the default */
    public @Nullable EventObservationConvention eventObservationConvention() {
        return this.values.eventObservationConvention;
    }

    /** @return the custom record write observation convention, or {@code null} for the default */
    public @Nullable RecordWriteObservationConvention recordWriteObservationConvention() {
        return this.values.recordWriteObservationConvention;
    }

    @Override
    public String toString() {
        // authParams is left out on purpose: it yields credentials
        Builder v = this.values;
        return "DeepstreamOptions[name=" + v.name + ", reconnectIntervalIncrement=" + v.reconnectIntervalIncrement
                + ", maxReconnectInterval=" + v.maxReconnectInterval + ", maxReconnectAttempts="
                + ((v.maxReconnectAttempts == Integer.MAX_VALUE) ? "unlimited" : v.maxReconnectAttempts)
                + ", reconnectJitter=" + v.reconnectJitter + ", heartbeatInterval=" + v.heartbeatInterval
                + ", connectTimeout=" + v.connectTimeout + ", requestTimeout=" + v.requestTimeout + ", rpcTimeout="
                + v.rpcTimeout + ", offlineQueueMaxSize=" + v.offlineQueueMaxSize + ", handlerMaxPending="
                + v.handlerMaxPending + ", offlineQueueMaxAge="
                + v.offlineQueueMaxAge + ", backlogMaxSize=" + v.backlogMaxSize + ", backlogMaxWait="
                + v.backlogMaxWait + ", recordDiscardTimeout=" + v.recordDiscardTimeout + ", maxMessageSize="
                + v.maxMessageSize + ", protocol=" + v.protocol + ", transport=" + v.transport + ", autoConnect="
                + v.autoConnect + ", virtualThreads=" + v.virtualThreads + ", sslContext="
                + ((v.sslContext != null) ? "custom" : "default") + "]";
    }

    /**
     * Builds {@link DeepstreamOptions}. Not thread-safe.
     */
    public static final class Builder implements Cloneable {

        private String name = DEFAULT_NAME;

        private boolean virtualThreads;

        private Duration reconnectIntervalIncrement = DEFAULT_RECONNECT_INTERVAL_INCREMENT;

        private Duration maxReconnectInterval = DEFAULT_MAX_RECONNECT_INTERVAL;

        private int maxReconnectAttempts = DEFAULT_MAX_RECONNECT_ATTEMPTS;

        private double reconnectJitter = DEFAULT_RECONNECT_JITTER;

        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Duration rpcTimeout = DEFAULT_RPC_TIMEOUT;

        private int offlineQueueMaxSize = DEFAULT_OFFLINE_QUEUE_MAX_SIZE;

        private int handlerMaxPending = DEFAULT_HANDLER_MAX_PENDING;

        private Duration offlineQueueMaxAge = DEFAULT_OFFLINE_QUEUE_MAX_AGE;

        private long backlogMaxSize = DEFAULT_BACKLOG_MAX_SIZE;

        private Duration backlogMaxWait = DEFAULT_BACKLOG_MAX_WAIT;

        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

        private Supplier<? extends Map<String, ?>> authParams = Map::of;

        private WireProtocol protocol = DEFAULT_PROTOCOL;

        private TransportType transport = DEFAULT_TRANSPORT;

        private SSLContext sslContext;

        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

        private RpcObservationConvention rpcObservationConvention;

        private EventObservationConvention eventObservationConvention;

        private RecordWriteObservationConvention recordWriteObservationConvention;

        private boolean autoConnect = DEFAULT_AUTO_CONNECT;

        /** {@code null}: the shared {@link DefaultJsonMapper}. */
        private JsonMapper jsonMapper;

        private MergeStrategy mergeStrategy = MergeStrategy.REMOTE_WINS;

        private Duration recordDiscardTimeout = DEFAULT_RECORD_DISCARD_TIMEOUT;

        private Builder() {
        }

        /** A shallow copy is a full one: every value is immutable, or shared by design (suppliers, registries). */
        private Builder copy() {
            try {
                return (Builder) clone();
            }
            catch (CloneNotSupportedException ex) {
                throw new IllegalStateException(ex);
            }
        }

        /**

         * @param increment added to the wait after every failed reconnection attempt (≥ 0)

         * @return this builder

         */
        public Builder reconnectIntervalIncrement(Duration increment) {
            this.reconnectIntervalIncrement = increment;
            return this;
        }

        /**

         * @param max upper bound of the wait between reconnection attempts (≥ 0)

         * @return this builder

         */
        public Builder maxReconnectInterval(Duration max) {
            this.maxReconnectInterval = max;
            return this;
        }

        /**
         * @param attempts reconnection attempts before giving up (≥ 0; {@link Integer#MAX_VALUE} for unlimited)
         * @return this builder
         */
        public Builder maxReconnectAttempts(int attempts) {
            this.maxReconnectAttempts = attempts;
            return this;
        }

        /**

         * @param jitter random spread of each reconnection wait, from 0 to 1

         * @return this builder

         */
        public Builder reconnectJitter(double jitter) {
            this.reconnectJitter = jitter;
            return this;
        }

        /**

         * @param interval interval between heartbeat pings (&gt; 0)

         * @return this builder

         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        /**

         * @param timeout time to open the WebSocket and have the challenge accepted (&gt; 0)

         * @return this builder

         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**

         * @param timeout time for the server to answer a request such as a login (&gt; 0)

         * @return this builder

         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**

         * @param timeout client-side deadline of an RPC call (&gt; 0)

         * @return this builder

         */
        public Builder rpcTimeout(Duration timeout) {
            this.rpcTimeout = timeout;
            return this;
        }

        /**
         * @param mapper converts payloads to and from Java types (Spring Boot's, when auto-configured)
         * @return this builder
         */
        public Builder jsonMapper(JsonMapper mapper) {
            this.jsonMapper = Objects.requireNonNull(mapper, "'jsonMapper' must not be null");
            return this;
        }

        /**
         * @param strategy how record conflicts are merged by default ({@link MergeStrategy#REMOTE_WINS} unless set)
         * @return this builder
         */
        public Builder mergeStrategy(MergeStrategy strategy) {
            this.mergeStrategy = Objects.requireNonNull(strategy, "'mergeStrategy' must not be null");
            return this;
        }

        /**
         * @param timeout how long a record stays subscribed after its last handle was discarded, so that getting it
         *     again meanwhile needs no round trip (≥ 0; deepstream's own client waits 5 s)
         * @return this builder
         */
        public Builder recordDiscardTimeout(Duration timeout) {
            this.recordDiscardTimeout = timeout;
            return this;
        }

        /**

         * @param size messages that may wait in the offline queue (≥ 1)

         * @return this builder

         */
        public Builder offlineQueueMaxSize(int size) {
            this.offlineQueueMaxSize = size;
            return this;
        }

        /**

         * @param max messages that may wait for one busy handler (≥ 1)

         * @return this builder

         */
        public Builder handlerMaxPending(int max) {
            this.handlerMaxPending = max;
            return this;
        }

        /**

         * @param age how long a message may wait in the offline queue (&gt; 0)

         * @return this builder

         */
        public Builder offlineQueueMaxAge(Duration age) {
            this.offlineQueueMaxAge = age;
            return this;
        }

        /**

         * @param bytes heap that messages waiting for the socket may hold, estimated (&gt; 0)

         * @return this builder

         */
        public Builder backlogMaxSize(long bytes) {
            this.backlogMaxSize = bytes;
            return this;
        }

        /**

         * @param wait how long a send waits for room in a full backlog (≥ 0; zero refuses at once)

         * @return this builder

         */
        public Builder backlogMaxWait(Duration wait) {
            this.backlogMaxWait = wait;
            return this;
        }

        /**

         * @param size largest frame the client accepts, in bytes (&gt; 0)

         * @return this builder

         */
        public Builder maxMessageSize(int size) {
            this.maxMessageSize = size;
            return this;
        }

        /**
         * Sets fixed credentials for {@code login()} without arguments and for automatic re-logins.
         * @param params the auth parameters, e.g. {@code username} and {@code password}
         * @return this builder
         */
        public Builder authParams(Map<String, ?> params) {
            Map<String, ?> copy = Map.copyOf(Objects.requireNonNull(params, "'authParams' must not be null"));
            this.authParams = () -> copy;
            return this;
        }

        /**
         * Sets a source of credentials, asked on every login and automatic re-login, so that short-lived tokens
         * can be refreshed.
         * @param params the source
         * @return this builder
         */
        public Builder authParams(Supplier<? extends Map<String, ?>> params) {
            this.authParams = Objects.requireNonNull(params, "'authParams' must not be null");
            return this;
        }

        /**
         * @param context the TLS context for {@code wss://} URLs, for example from a Spring Boot SSL bundle (a custom
         * CA, a client key and certificate); {@code null} for the JVM's default. The server's host name is verified.
         * @return this builder
         */
        public Builder sslContext(@Nullable SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * @param registry where to observe RPC calls made and answered and events emitted (Micrometer Observation);
         * the default, {@link ObservationRegistry#NOOP}, observes nothing
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observationRegistry = Objects.requireNonNull(registry, "'observationRegistry' must not be null");
            return this;
        }

        /**
         * @param convention replaces the default RPC observation convention ({@code null}: the default)
         * @return this builder
         */
        public Builder rpcObservationConvention(@Nullable RpcObservationConvention convention) {
            this.rpcObservationConvention = convention;
            return this;
        }

        /**
         * @param convention replaces the default event observation convention ({@code null}: the default)
         * @return this builder
         */
        public Builder eventObservationConvention(@Nullable EventObservationConvention convention) {
            this.eventObservationConvention = convention;
            return this;
        }

        /**
         * @param convention replaces the default record write observation convention ({@code null}: the default)
         * @return this builder
         */
        public Builder recordWriteObservationConvention(
                @Nullable RecordWriteObservationConvention convention) {
            this.recordWriteObservationConvention = convention;
            return this;
        }

        /**
         * @param name the client's name ({@value DeepstreamOptions#DEFAULT_NAME} unless set): the {@code client} tag
         * of its metrics and observations; give each client of an application its own
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "'name' must not be null");
            return this;
        }

        /**
         * @param virtualThreads whether listeners, callbacks and handlers run on virtual threads (one per handler run;
         * callbacks still one at a time, in order) instead of the client's platform threads; needs Java 21 or later.
         * The event loop stays a platform thread. Off unless set; Spring Boot sets it with
         * {@code spring.threads.virtual.enabled=true}
         * @return this builder
         */
        public Builder virtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
            return this;
        }

        /**
         * @param protocol how messages are encoded: {@link WireProtocol#AUTO} (the default) picks JSON for a URL path
         * ending in {@code -json} and binary otherwise, and sends a URL without a path to {@code /deepstream}
         * @return this builder
         */
        public Builder protocol(WireProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "'protocol' must not be null");
            return this;
        }

        /**
         * @param transport which WebSocket implementation carries the connection: {@link TransportType#AUTO} (the
         * default) picks Reactor Netty when it is on the class path and Tomcat's WebSocket client is not
         * @return this builder
         */
        public Builder transport(TransportType transport) {
            this.transport = Objects.requireNonNull(transport, "'transport' must not be null");
            return this;
        }

        /**
         * @param autoConnect whether the client starts connecting when created; with {@code false} it stays
         * {@code CLOSED} until {@code connect()} or the first login, so that listeners can be registered first
         * @return this builder
         */
        public Builder autoConnect(boolean autoConnect) {
            this.autoConnect = autoConnect;
            return this;
        }

        /**
         * Validates and builds the options.
         * @return the options
         * @throws IllegalArgumentException naming the first option that is out of range
         */
        public DeepstreamOptions build() {
            return OptionsValidation.validated(new DeepstreamOptions(this));
        }

    }

}
