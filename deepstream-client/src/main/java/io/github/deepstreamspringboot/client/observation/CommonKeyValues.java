package io.github.deepstreamspringboot.client.observation;

import io.micrometer.common.KeyValues;

/**
 * The low-cardinality key values every default convention has: {@code client}, and {@code outcome} once the
 * operation has ended. Left out while it runs, the outcome does not tag what measures operations in flight (a long
 * task timer's series would otherwise say {@code outcome="unknown"} for ever).
 */
final class CommonKeyValues {

    private CommonKeyValues() {
    }

    static KeyValues of(DeepstreamObservationContext context) {
        KeyValues keyValues = KeyValues.of("client", context.getClientName());
        String outcome = context.getOutcome();
        return (outcome != null) ? keyValues.and("outcome", outcome) : keyValues;
    }

}
