package io.github.deepstreamspringboot.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link DeepstreamAuthParamsSupplier} from {@code deepstream.auth.*}. Its {@link #toString()} names the keys only.
 */
final class PropertiesDeepstreamAuthParamsSupplier implements DeepstreamAuthParamsSupplier {

    private final Map<String, String> params;

    PropertiesDeepstreamAuthParamsSupplier(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    @Override
    public Map<String, ?> get() {
        return this.params;
    }

    @Override
    public String toString() {
        return "PropertiesDeepstreamAuthParamsSupplier[keys=" + this.params.keySet() + "]";
    }

}
