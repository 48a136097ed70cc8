package io.github.deepstreamspringboot.autoconfigure;

import java.util.List;

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

    /**
     * Returns the URLs of the nodes of a cluster, tried in this order.
     * @return the URLs; by default the one {@link #getUrl()}, or none if that is {@code null}
     */
    default List<String> getUrls() {
        String url = getUrl();
        return (url != null) ? List.of(url) : List.of();
    }

}
