package io.github.deepstreamspringboot.autoconfigure;

import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.unit.DataSize;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.record.MergeStrategy;

/**
 * Turns {@link DeepstreamProperties} into client options and validates the URL, translating the client's
 * {@link IllegalArgumentException}s into {@link InvalidDeepstreamPropertyException}s that name the property.
 */
final class DeepstreamOptionsFactory {

    static final String URL_PROPERTY = "deepstream.url";

    static final String URLS_PROPERTY = "deepstream.urls";

    static final String SSL_BUNDLE_PROPERTY = "deepstream.ssl.bundle";

    /**
     * The TLS context of a named SSL bundle.
     * @throws InvalidDeepstreamPropertyException if there are no bundles or none of that name
     */
    static SSLContext sslContext(String bundle, SslBundles bundles) {
        String action = "Define the bundle under spring.ssl.bundle.pem." + bundle + " (or .jks." + bundle
                + "), or name an existing one in " + SSL_BUNDLE_PROPERTY + ".";
        if (bundles == null) {
            throw new InvalidDeepstreamPropertyException(SSL_BUNDLE_PROPERTY, "no SSL bundles are configured",
                    action, null);
        }
        try {
            return bundles.getBundle(bundle).createSslContext();
        }
        catch (NoSuchSslBundleException ex) {
            throw new InvalidDeepstreamPropertyException(SSL_BUNDLE_PROPERTY, "there is no SSL bundle named '"
                    + bundle + "'", action, ex);
        }
    }

    /** Client option names (as the options builder reports them) and the properties that set them. */
    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("reconnectIntervalIncrement", "deepstream.reconnect-interval-increment"),
            Map.entry("maxReconnectInterval", "deepstream.max-reconnect-interval"),
            Map.entry("maxReconnectAttempts", "deepstream.max-reconnect-attempts"),
            Map.entry("reconnectJitter", "deepstream.reconnect-jitter"),
            Map.entry("heartbeatInterval", "deepstream.heartbeat-interval"),
            Map.entry("connectTimeout", "deepstream.connect-timeout"),
            Map.entry("requestTimeout", "deepstream.request-timeout"),
            Map.entry("offlineQueueMaxSize", "deepstream.offline-queue.max-size"),
            Map.entry("offlineQueueMaxAge", "deepstream.offline-queue.max-age"),
            Map.entry("handlerMaxPending", "deepstream.handler.max-pending"),
            Map.entry("backlogMaxSize", "deepstream.backlog.max-size"),
            Map.entry("backlogMaxWait", "deepstream.backlog.max-wait"),
            Map.entry("maxMessageSize", "deepstream.max-message-size"),
            Map.entry("recordDiscardTimeout", "deepstream.record.discard-timeout"),
            Map.entry("name", "deepstream.client-name"),
            Map.entry("transport", "deepstream.transport"));

    private DeepstreamOptionsFactory() {
    }

    static DeepstreamOptions.Builder builder(DeepstreamProperties properties) {
        DeepstreamOptions.Builder builder = DeepstreamOptions.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getReconnectIntervalIncrement).to(builder::reconnectIntervalIncrement);
        map.from(properties::getMaxReconnectInterval).to(builder::maxReconnectInterval);
        map.from(properties::getMaxReconnectAttempts).to(builder::maxReconnectAttempts);
        map.from(properties::getReconnectJitter).to(builder::reconnectJitter);
        map.from(properties::getHeartbeatInterval).to(builder::heartbeatInterval);
        map.from(properties::getConnectTimeout).to(builder::connectTimeout);
        map.from(properties::getRequestTimeout).to(builder::requestTimeout);
        map.from(properties.getOfflineQueue()::getMaxSize).to(builder::offlineQueueMaxSize);
        map.from(properties.getOfflineQueue()::getMaxAge).to(builder::offlineQueueMaxAge);
        map.from(properties.getHandler()::getMaxPending).to(builder::handlerMaxPending);
        map.from(properties.getBacklog()::getMaxSize).as(DataSize::toBytes).to(builder::backlogMaxSize);
        map.from(properties.getBacklog()::getMaxWait).to(builder::backlogMaxWait);
        map.from(properties::getProtocol).to(builder::protocol);
        map.from(properties::getTransport).to(builder::transport);
        map.from(properties::getClientName).to(builder::name);
        map.from(properties::getMaxMessageSize).as((size) -> (int) Math.min(Integer.MAX_VALUE, size.toBytes()))
            .to(builder::maxMessageSize);
        map.from(properties.getRecord()::getMergeStrategy)
            .as((name) -> (name == DeepstreamProperties.MergeStrategyName.LOCAL_WINS) ? MergeStrategy.LOCAL_WINS
                    : MergeStrategy.REMOTE_WINS)
            .to(builder::mergeStrategy);
        map.from(properties.getRecord()::getDiscardTimeout).to(builder::recordDiscardTimeout);
        return builder;
    }

    static DeepstreamOptions build(DeepstreamOptions.Builder builder) {
        try {
            return builder.build();
        }
        catch (IllegalArgumentException ex) {
            String property = PROPERTIES.entrySet().stream()
                .filter((entry) -> ex.getMessage().startsWith("'" + entry.getKey() + "'"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("deepstream.*");
            throw new InvalidDeepstreamPropertyException(property, ex.getMessage(),
                    "Change " + property + " to a value in the range the message gives.", ex);
        }
    }

    /**
     * @param devServerWanted whether {@code deepstream.dev-server.enabled} is set: without a URL, that means the
     * local server's module is missing (its auto-configuration needs it)
     */
    static DeepstreamClient createClient(List<String> urls, DeepstreamOptions options, boolean tlsRequired,
            boolean devServerWanted) {
        String action = "Set " + URL_PROPERTY + " to the WebSocket URL of your deepstream server, for example "
                + "ws://127.0.0.1:6020 (or " + URLS_PROPERTY + " to the nodes of a cluster), or set "
                + "deepstream.dev-server.enabled=true to start a local server for development.";
        if (urls.isEmpty() && devServerWanted) {
            throw new InvalidDeepstreamPropertyException("deepstream.dev-server.enabled",
                    "the local deepstream server is enabled, but its module is not on the class path",
                    "Add io.github.deepstreamspringboot:deepstream-local-server to the application's dependencies "
                            + "(for development and tests), or set " + URL_PROPERTY + " to a running server.",
                    null);
        }
        if (urls.isEmpty()) {
            throw new InvalidDeepstreamPropertyException(URL_PROPERTY, "no deepstream server URL is set", action,
                    null);
        }
        String property = (urls.size() == 1) ? URL_PROPERTY : URLS_PROPERTY;
        for (String url : urls) {
            if (url == null || url.isBlank()) {
                throw new InvalidDeepstreamPropertyException(property, "a deepstream server URL is empty", action,
                        null);
            }
            ServerUrl parsed;
            try {
                parsed = ServerUrl.parse(url, options.protocol());
            }
            catch (IllegalArgumentException ex) {
                boolean looksLikeAList = url.contains(",") || url.strip().chars().anyMatch(Character::isWhitespace);
                throw new InvalidDeepstreamPropertyException(property, ex.getMessage(),
                        looksLikeAList ? "Give " + URL_PROPERTY + " one URL, or list the nodes of a cluster in "
                                + URLS_PROPERTY + " (deepstream.urls=ws://a:6020/deepstream,ws://b:6020/deepstream,"
                                + " or deepstream.urls[0]=…, deepstream.urls[1]=… in YAML or per index)." : action,
                        ex);
            }
            if (tlsRequired && !"wss".equals(parsed.uri().getScheme())) {
                throw new InvalidDeepstreamPropertyException(property, "TLS is on (deepstream.ssl) but " + parsed
                        + " does not use it", "Use a wss:// URL, or turn deepstream.ssl off.", null);
            }
        }
        return DeepstreamClient.create(urls, options);
    }

}
