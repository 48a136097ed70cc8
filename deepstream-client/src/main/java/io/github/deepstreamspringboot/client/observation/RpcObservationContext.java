package io.github.deepstreamspringboot.client.observation;

/**
 * What an RPC observation knows: the RPC's name, which side this client is on, and, once the call ended, the
 * {@linkplain #getOutcome() outcome}: for a call made, {@code success} or the {@code RpcErrorKind}; for a call
 * answered, {@code success}, {@code error}, {@code rejected}, or {@code pending} if the provider answers after
 * returning.
 */
public final class RpcObservationContext extends DeepstreamObservationContext {

    private final String rpcName;

    private final Side side;

    /**
     * @param clientName the observing client's name
     * @param rpcName the RPC's name
     * @param side whether this client made the call or answers it
     */
    public RpcObservationContext(String clientName, String rpcName, Side side) {
        super(clientName);
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

    /** The side of the call. */
    public enum Side {

        /** This client called the RPC ({@code rpc().make}). */
        CLIENT,

        /** A provider of this client answered it. */
        SERVER

    }

}
