package io.github.deepstreamspringboot.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of RPC observations. Implement it (or extend {@link DefaultRpcObservationConvention}) and set
 * it with {@code DeepstreamOptions.Builder#rpcObservationConvention}, or declare it as a bean with the starter.
 */
public interface RpcObservationConvention extends ObservationConvention<RpcObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof RpcObservationContext;
    }

}
