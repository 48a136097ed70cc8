package io.github.deepstreamspringboot.client.internal.connection;

import io.github.deepstreamspringboot.client.internal.protocol.ConnectionAction;
import io.github.deepstreamspringboot.client.internal.protocol.Message;

/**
 * The client's first message on every new socket: deepstream's {@code CHALLENGE}, naming the protocol version and the
 * SDK, which the server answers with {@code ACCEPT}, {@code REJECT} or {@code REDIRECT}.
 *
 * <p><b>Thread model.</b> Stateless.
 */
final class Challenge {

    static final String PROTOCOL_VERSION = "0.1a";

    static final String SDK_TYPE = "java";

    private Challenge() {
    }

    /** @return the message */
    static Message message() {
        return Message.builder(ConnectionAction.CHALLENGE)
            .attribute("protocolVersion", PROTOCOL_VERSION)
            .attribute("sdkType", SDK_TYPE)
            .attribute("sdkVersion", sdkVersion())
            .build();
    }

    /** The jar's version, or {@code dev} when run from classes (tests, an IDE). */
    private static String sdkVersion() {
        String version = Challenge.class.getPackage().getImplementationVersion();
        return (version != null) ? version : "dev";
    }

}
