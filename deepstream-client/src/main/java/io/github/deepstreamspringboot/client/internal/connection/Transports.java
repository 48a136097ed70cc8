package io.github.deepstreamspringboot.client.internal.connection;

import org.springframework.util.ClassUtils;

import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.TransportType;

/**
 * Chooses and creates a client's transport, and with it the client's event loop: the Netty transport brings the loop
 * its channels live on; the standard one runs with a loop thread of the client's own.
 *
 * <p><b>Thread model.</b> Stateless.
 */
public final class Transports {

    private static final ClassLoader CLASS_LOADER = Transports.class.getClassLoader();

    private static final boolean REACTOR_NETTY = ClassUtils.isPresent("reactor.netty.http.HttpResources", CLASS_LOADER)
            && ClassUtils.isPresent("io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler",
                    CLASS_LOADER);

    private static final boolean TOMCAT = ClassUtils.isPresent("org.apache.tomcat.websocket.WsWebSocketContainer",
            CLASS_LOADER);

    private Transports() {
    }

    /**
     * Resolves {@link TransportType#AUTO} and checks that the chosen transport is on the class path.
     * @param requested the transport asked for
     * @return {@link TransportType#STANDARD} or {@link TransportType#REACTOR_NETTY}
     * @throws IllegalArgumentException naming the option and the missing dependency
     */
    public static TransportType resolve(TransportType requested) {
        return switch (requested) {
            case AUTO -> (REACTOR_NETTY && !TOMCAT) ? TransportType.REACTOR_NETTY : TransportType.STANDARD;
            case STANDARD -> {
                if (!TOMCAT) {
                    throw new IllegalArgumentException("'transport' is STANDARD, which needs Tomcat's WebSocket client "
                            + "(org.apache.tomcat.embed:tomcat-embed-websocket) on the class path; add it, or use "
                            + "REACTOR_NETTY or AUTO");
                }
                yield requested;
            }
            case REACTOR_NETTY -> {
                if (!REACTOR_NETTY) {
                    throw new IllegalArgumentException("'transport' is REACTOR_NETTY, which needs Reactor Netty "
                            + "(io.projectreactor.netty:reactor-netty-http) on the class path; add it, or use STANDARD "
                            + "or AUTO");
                }
                yield requested;
            }
        };
    }

    /**
     * Creates the transport the options ask for.
     * @param options the client's options
     * @return the transport, and the event loop that comes with it ({@code null} for a loop of the client's own)
     */
    static Choice create(DeepstreamOptions options) {
        if (resolve(options.transport()) == TransportType.REACTOR_NETTY) {
            ReactorNettyTransport transport = ReactorNettyTransport.create(options.connectTimeout(),
                    options.maxMessageSize(), options.sslContext());
            return new Choice(transport, transport.eventLoop());
        }
        return new Choice(new WebSocketTransport(options.connectTimeout(), options.maxMessageSize(),
                options.sslContext()), null);
    }

    /**
     * A transport, and the event loop it needs the connection to run on.
     * @param transport the transport
     * @param loop its loop, or {@code null} when the client runs a loop thread of its own
     */
    record Choice(Transport transport, EventLoop loop) {
    }

}
