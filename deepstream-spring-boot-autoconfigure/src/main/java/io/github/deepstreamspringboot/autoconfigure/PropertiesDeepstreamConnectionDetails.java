package io.github.deepstreamspringboot.autoconfigure;

import java.util.List;

/**
 * {@link DeepstreamConnectionDetails} from {@code deepstream.url}.
 */
final class PropertiesDeepstreamConnectionDetails implements DeepstreamConnectionDetails {

    private final DeepstreamProperties properties;

    PropertiesDeepstreamConnectionDetails(DeepstreamProperties properties) {
        this.properties = properties;
    }

    @Override
    public String getUrl() {
        List<String> urls = getUrls();
        return urls.isEmpty() ? null : urls.get(0);
    }

    @Override
    public List<String> getUrls() {
        List<String> urls = this.properties.getUrls();
        String url = this.properties.getUrl();
        if (!urls.isEmpty() && url != null && !url.isBlank()) {
            throw new InvalidDeepstreamPropertyException(DeepstreamOptionsFactory.URLS_PROPERTY,
                    "both deepstream.url and deepstream.urls are set",
                    "Set deepstream.url for one server, or deepstream.urls for the nodes of a cluster, not both.",
                    null);
        }
        if (!urls.isEmpty()) {
            return List.copyOf(urls);
        }
        return (url != null) ? List.of(url) : List.of();
    }

}
