package io.github.deepstreamspringboot.client.observation;

import java.util.Locale;

import io.micrometer.common.KeyValues;

/**
 * The default RPC convention: {@code deepstream.rpc} for calls made and answered, with low-cardinality key values
 * only: {@code client}, the RPC's name ({@code deepstream.rpc.name}; an application has a fixed set of RPCs), the side
 * ({@code deepstream.rpc.side}: {@code client} for calls made, {@code server} for calls answered) and, once the call
 * ended, the {@code outcome}.
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
        return CommonKeyValues.of(context).and("deepstream.rpc.name", context.getRpcName(), "deepstream.rpc.side",
                context.getSide().name().toLowerCase(Locale.ROOT));
    }

}
