package io.github.deepstreamspringboot.autoconfigure;

/**
 * Where the deepstream server is. Defined by the properties, by the local development server, or by a bean of your
 * own (for example from a test container).
 */
@FunctionalInterface
public interface DeepstreamConnectionDetails {

    /**
     * Returns the server's WebSocket URL.
     * @return the URL, or {@code null} if none is configured
     */
    String getUrl();

}
