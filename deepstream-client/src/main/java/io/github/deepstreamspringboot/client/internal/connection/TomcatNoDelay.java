package io.github.deepstreamspringboot.client.internal.connection;

import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousSocketChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Turns Nagle's algorithm off on the TCP socket under a Tomcat client WebSocket, as deepstream's own clients and
 * server have it (Node sockets send at once). Tomcat's client never sets {@code TCP_NODELAY} and offers no setting
 * for it, so a small frame written while an earlier one is unacknowledged waits for the peer's delayed ACK: in the
 * benchmark the same frames at 2 000/s had a p99 latency of 4.6–6.6 ms with Nagle and 1.2–3.3 ms without.
 *
 * <p>Tomcat keeps the socket in private fields ({@code WsSession.wsRemoteEndpoint}, then
 * {@code WsRemoteEndpointImplClient.channel}, then {@code AsyncChannelWrapper*.socketChannel}); they are read by
 * reflection, and if any is not there (another container, another Tomcat) the socket stays as the container made it:
 * slower, never broken. That is logged once at INFO; {@code TomcatNoDelayTests} fails on a Tomcat upgrade that moves
 * them. {@link TomcatRuntimeHints} registers the fields for native images.
 *
 * <p><b>Thread model.</b> Stateless but for the once-only log flag; called on the thread that opened the session.
 */
final class TomcatNoDelay {

    private static final Logger logger = LoggerFactory.getLogger(TomcatNoDelay.class);

    /** {@code WsSession}'s field that holds the remote endpoint. */
    static final String SESSION_ENDPOINT = "wsRemoteEndpoint";

    /** {@code WsRemoteEndpointImplClient}'s field that holds the channel wrapper. */
    static final String ENDPOINT_CHANNEL = "channel";

    /** {@code AsyncChannelWrapper*}'s field that holds the socket. */
    static final String CHANNEL_SOCKET = "socketChannel";

    private static volatile boolean reported;

    private TomcatNoDelay() {
    }

    /** @return whether {@code TCP_NODELAY} is now on, as the socket reports it */
    static boolean apply(WebSocketSession session) {
        try {
            Object wsSession = ((NativeWebSocketSession) session).getNativeSession();
            Object endpoint = read(wsSession, SESSION_ENDPOINT);
            Object wrapper = read(endpoint, ENDPOINT_CHANNEL);
            AsynchronousSocketChannel socket = (AsynchronousSocketChannel) read(wrapper, CHANNEL_SOCKET);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return socket.getOption(StandardSocketOptions.TCP_NODELAY);
        }
        catch (ReflectiveOperationException | RuntimeException | java.io.IOException ex) {
            if (!reported) {
                reported = true;
                logger.info("Could not turn Nagle's algorithm off on the WebSocket's socket ({}); small messages may "
                        + "wait up to a delayed ACK before they are sent", ex.toString());
            }
            return false;
        }
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            }
            catch (NoSuchFieldException ex) {
                // declared on a superclass, perhaps
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }

}
