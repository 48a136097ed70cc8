package io.github.deepstreamspringboot.client.internal.protocol;

import io.github.deepstreamspringboot.client.WireProtocol;

/**
 * The codec of each wire protocol. Codecs are stateless, so every client shares them; they are created on first use.
 */
public final class Codecs {

    private Codecs() {
    }

    /**
     * Returns the codec of a concrete protocol.
     * @param protocol the protocol
     * @return its codec
     * @throws IllegalStateException for {@link WireProtocol#AUTO}, which has to be resolved for a URL path first
     */
    public static MessageCodec of(WireProtocol protocol) {
        return switch (protocol) {
            case BINARY -> Shared.BINARY;
            case JSON -> Shared.JSON;
            case AUTO -> throw new IllegalStateException("AUTO must be resolved for a URL path first");
        };
    }

    private static final class Shared {

        static final MessageCodec BINARY = new BinaryMessageCodec();

        static final MessageCodec JSON = new JsonMessageCodec();

    }

}
