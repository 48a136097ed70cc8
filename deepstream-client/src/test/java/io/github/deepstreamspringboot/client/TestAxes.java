package io.github.deepstreamspringboot.client;

import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The combinations the real-server tests run in ({@link EachWireProtocolAndTransport}).
 */
public final class TestAxes {

    private TestAxes() {
    }

    /**
     * Every codec on every transport.
     * @return the pairs, the standard transport's first
     */
    public static Stream<Arguments> protocolsAndTransports() {
        return Stream.of(TransportType.STANDARD, TransportType.REACTOR_NETTY)
            .flatMap((transport) -> Stream.of(WireProtocol.BINARY, WireProtocol.JSON)
                .map((protocol) -> Arguments.of(protocol, transport)));
    }

}
