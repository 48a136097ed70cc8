package io.github.deepstreamspringboot.client.internal.connection;

import org.springframework.web.socket.WebSocketSession;

/** For the benchmark's raw floor, which must send as our client does: {@link TomcatNoDelay} from another package. */
public final class TomcatSockets {

    private TomcatSockets() {
    }

    /** @return whether Nagle's algorithm is now off on the session's socket */
    public static boolean noDelay(WebSocketSession session) {
        return TomcatNoDelay.apply(session);
    }

}
