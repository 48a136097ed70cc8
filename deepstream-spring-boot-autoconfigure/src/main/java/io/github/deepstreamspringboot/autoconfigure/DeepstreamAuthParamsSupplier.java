package io.github.deepstreamspringboot.autoconfigure;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Supplies the auth parameters of every login, including the automatic ones after a reconnection. The default reads
 * {@code deepstream.auth.*}; define a bean of your own to fetch short-lived tokens. Called on the client's event loop:
 * return quickly.
 */
@FunctionalInterface
public interface DeepstreamAuthParamsSupplier extends Supplier<Map<String, ?>> {

}
