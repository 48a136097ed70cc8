package io.github.deepstreamspringboot.client;

import java.time.Duration;

import io.github.deepstreamspringboot.client.internal.connection.Transports;

/**
 * The ranges {@link DeepstreamOptions} must keep, checked when the builder builds, so that a wrong option fails at
 * once with a message naming it (the starter turns that into a start-up failure naming the property).
 *
 * <p><b>Thread model.</b> Stateless.
 */
final class OptionsValidation {

    private OptionsValidation() {
    }

    /**
     * @param options the options just built
     * @return the same options
     * @throws IllegalArgumentException naming the first option that is out of range
     */
    static DeepstreamOptions validated(DeepstreamOptions options) {
        if (options.virtualThreads() && Runtime.version().feature() < 21) {
            throw new IllegalArgumentException("'virtualThreads' needs Java 21 or later, and this is Java "
                    + Runtime.version().feature());
        }
        if (options.name().isBlank()) {
            throw new IllegalArgumentException("'name' must not be blank: it tags the client's metrics");
        }
        requireNotNegative("reconnectIntervalIncrement", options.reconnectIntervalIncrement());
        requireNotNegative("maxReconnectInterval", options.maxReconnectInterval());
        requirePositive("heartbeatInterval", options.heartbeatInterval());
        requirePositive("connectTimeout", options.connectTimeout());
        requirePositive("requestTimeout", options.requestTimeout());
        requirePositive("rpcTimeout", options.rpcTimeout());
        requirePositive("offlineQueueMaxAge", options.offlineQueueMaxAge());
        requireNotNegative("recordDiscardTimeout", options.recordDiscardTimeout());
        if (options.maxReconnectAttempts() < 0) {
            throw new IllegalArgumentException(
                    "'maxReconnectAttempts' must not be negative but was " + options.maxReconnectAttempts());
        }
        if (!(options.reconnectJitter() >= 0.0 && options.reconnectJitter() <= 1.0)) {
            throw new IllegalArgumentException(
                    "'reconnectJitter' must be between 0 and 1 but was " + options.reconnectJitter());
        }
        requireNotNegative("backlogMaxWait", options.backlogMaxWait());
        if (options.offlineQueueMaxSize() < 1) {
            throw new IllegalArgumentException(
                    "'offlineQueueMaxSize' must be at least 1 but was " + options.offlineQueueMaxSize());
        }
        if (options.handlerMaxPending() < 1) {
            throw new IllegalArgumentException(
                    "'handlerMaxPending' must be at least 1 but was " + options.handlerMaxPending());
        }
        if (options.backlogMaxSize() < 1) {
            throw new IllegalArgumentException(
                    "'backlogMaxSize' must be positive but was " + options.backlogMaxSize());
        }
        Transports.resolve(options.transport());
        if (options.maxMessageSize() <= 0) {
            throw new IllegalArgumentException("'maxMessageSize' must be positive but was " + options.maxMessageSize());
        }
        return options;
    }

    private static void requireNotNegative(String option, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("'" + option + "' must not be negative but was " + value);
        }
    }

    private static void requirePositive(String option, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("'" + option + "' must be positive but was " + value);
        }
    }

}
