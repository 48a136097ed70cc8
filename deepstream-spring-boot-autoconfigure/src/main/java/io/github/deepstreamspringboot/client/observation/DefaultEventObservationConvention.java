package io.github.deepstreamspringboot.client.observation;

import io.micrometer.common.KeyValues;

/**
 * The default event convention: {@code deepstream.event.emit}, with the {@code outcome} as a low-cardinality key
 * value and the event's name as a high-cardinality one (event names often carry ids; a convention that knows its
 * names are a fixed set may move it to the low-cardinality values).
 */
public class DefaultEventObservationConvention implements EventObservationConvention {

    @Override
    public String getName() {
        return "deepstream.event.emit";
    }

    @Override
    public String getContextualName(EventObservationContext context) {
        return "event emit";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(EventObservationContext context) {
        return KeyValues.of("outcome", context.getOutcome());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(EventObservationContext context) {
        return KeyValues.of("deepstream.event.name", context.getEventName());
    }

}
