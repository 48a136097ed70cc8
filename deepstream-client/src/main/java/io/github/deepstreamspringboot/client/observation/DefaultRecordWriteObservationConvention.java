package io.github.deepstreamspringboot.client.observation;

import io.micrometer.common.KeyValues;

/**
 * The default convention for record writes with acknowledgement: {@code deepstream.record.write}, from the write to
 * the server's acknowledgement, with {@code client} and, once it ended, the {@code outcome} as low-cardinality key
 * values and the record's name as a
 * high-cardinality one (record names usually carry ids).
 */
public class DefaultRecordWriteObservationConvention implements RecordWriteObservationConvention {

    @Override
    public String getName() {
        return "deepstream.record.write";
    }

    @Override
    public String getContextualName(RecordWriteObservationContext context) {
        return "record write";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(RecordWriteObservationContext context) {
        return CommonKeyValues.of(context);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(RecordWriteObservationContext context) {
        return KeyValues.of("deepstream.record.name", context.getRecordName());
    }

}
