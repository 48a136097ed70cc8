package io.github.deepstreamspringboot.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of event observations. Implement it (or extend {@link DefaultEventObservationConvention}) and
 * set it with {@code DeepstreamOptions.Builder#eventObservationConvention}, or declare it as a bean with the starter.
 */
public interface EventObservationConvention extends ObservationConvention<EventObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof EventObservationContext;
    }

}
