package io.github.deepstreamspringboot.client.observation;

import io.micrometer.observation.Observation;

/**
 * What an RPC observation knows: the RPC's name, which side this client is on, and, once it has one, the outcome.
 */
public final class RpcObservationContext extends Observation.Context {

    private final String rpcName;

    private final Side side;

    private String outcome = "unknown";

    /**
     * @param rpcName the RPC's name
     * @param side whether this client made the call or answers it
     */
    public RpcObservationContext(String rpcName, Side side) {
        this.rpcName = rpcName;
        this.side = side;
    }

    /** @return the RPC's name */
    public String getRpcName() {
        return this.rpcName;
    }

    /** @return whether this client made the call or answers it */
    public Side getSide() {
        return this.side;
    }

    /**
     * @return for a call made: {@code success} or the {@code RpcErrorKind}; for a call answered: {@code success},
     * {@code error}, {@code rejected}, or {@code pending} if the provider answers after returning
     */
    public String getOutcome() {
        return this.outcome;
    }

    /**
     * Sets the outcome; the client does, when the operation ends.
     * @param outcome the outcome, as {@link #getOutcome()} describes it
     */
    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    /** The side of the call. */
    public enum Side {

        /** This client called the RPC ({@code rpc().make}). */
        CLIENT,

        /** A provider of this client answered it. */
        SERVER

    }

}
