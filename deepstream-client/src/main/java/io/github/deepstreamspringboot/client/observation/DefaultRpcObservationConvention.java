package io.github.deepstreamspringboot.client.observation;

import java.util.Locale;

import io.micrometer.common.KeyValues;

/**
 * The default RPC convention: {@code deepstream.rpc.make} for calls made and {@code deepstream.rpc.provide} for calls
 * answered, with low-cardinality key values only: the RPC's name ({@code deepstream.rpc.name}; an application has a
 * fixed set of RPCs) and the {@code outcome}.
 */
public class DefaultRpcObservationConvention implements RpcObservationConvention {

    @Override
    public String getName() {
        return "deepstream.rpc";
    }

    @Override
    public String getContextualName(RpcObservationContext context) {
        return ((context.getSide() == RpcObservationContext.Side.CLIENT) ? "rpc make " : "rpc provide ")
                + context.getRpcName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(RpcObservationContext context) {
        return KeyValues.of("deepstream.rpc.name", context.getRpcName(), "deepstream.rpc.side",
                context.getSide().name().toLowerCase(Locale.ROOT), "outcome", context.getOutcome());
    }

}
