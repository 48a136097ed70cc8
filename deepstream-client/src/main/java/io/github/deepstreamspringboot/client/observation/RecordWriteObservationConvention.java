package io.github.deepstreamspringboot.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of the observations of record writes with acknowledgement. Implement it (or extend
 * {@link DefaultRecordWriteObservationConvention}) and set it with
 * {@code DeepstreamOptions.Builder#recordWriteObservationConvention}, or declare it as a bean with the starter.
 */
public interface RecordWriteObservationConvention extends ObservationConvention<RecordWriteObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof RecordWriteObservationContext;
    }

}
