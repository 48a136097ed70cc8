package io.github.deepstreamspringboot.autoconfigure;

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
        return this.properties.getUrl();
    }

}
