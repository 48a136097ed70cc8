package io.github.deepstreamspringboot.client.internal.connection;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * The AOT hints of the client for native images: the private Tomcat fields that {@link TomcatNoDelay} reads to turn
 * Nagle's algorithm off. Registered in {@code META-INF/spring/aot.factories}, so that Spring's AOT processing applies
 * it to every application that has the client, with or without Spring Boot. (Without the hints, a native image would
 * still connect, with Nagle's algorithm on, and say so once at INFO.)
 *
 * <p><b>Thread model.</b> Stateless; used by Spring's AOT processing at build time.
 */
public final class TomcatRuntimeHints implements RuntimeHintsRegistrar {

    /** Each Tomcat class, with the field of it that {@link TomcatNoDelay} follows to the socket. */
    static final Map<String, String> FIELDS = Map.of(
            "org.apache.tomcat.websocket.WsSession", TomcatNoDelay.SESSION_ENDPOINT,
            "org.apache.tomcat.websocket.WsRemoteEndpointImplClient", TomcatNoDelay.ENDPOINT_CHANNEL,
            "org.apache.tomcat.websocket.AsyncChannelWrapperNonSecure", TomcatNoDelay.CHANNEL_SOCKET,
            "org.apache.tomcat.websocket.AsyncChannelWrapperSecure", TomcatNoDelay.CHANNEL_SOCKET);

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        FIELDS.forEach((type, field) -> hints.reflection()
            .registerType(TypeReference.of(type), (hint) -> hint.withField(field)));
    }

}
