package io.github.deepstreamspringboot.client.observation;

import java.util.Locale;

import io.micrometer.common.KeyValues;

/**
 * The default event convention: {@code deepstream.event}, with {@code client}, the operation
 * ({@code deepstream.event.operation}: {@code emit} or {@code deliver}) and, once it ended, the {@code outcome} as
 * low-cardinality key values and the event's name as a
 * high-cardinality one (event names often carry ids; a convention that knows its names are a fixed set may move it
 * to the low-cardinality values).
 */
public class DefaultEventObservationConvention implements EventObservationConvention {

    @Override
    public String getName() {
        return "deepstream.event";
    }

    @Override
    public String getContextualName(EventObservationContext context) {
        return "event " + operation(context);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(EventObservationContext context) {
        return CommonKeyValues.of(context).and("deepstream.event.operation", operation(context));
    }

    private static String operation(EventObservationContext context) {
        return context.getOperation().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(EventObservationContext context) {
        return KeyValues.of("deepstream.event.name", context.getEventName());
    }

}
