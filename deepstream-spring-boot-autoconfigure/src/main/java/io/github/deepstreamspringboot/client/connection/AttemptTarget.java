package io.github.deepstreamspringboot.client.connection;

import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.WireProtocol;

/**
 * Where the next connection attempt goes: the configured URL, or the server a REDIRECT pointed this attempt to. A
 * redirect holds for the current attempt only; a lost connection goes back to the configured URL, and more than
 * {@value #MAX_REDIRECTS} redirects in a row are a loop.
 *
 * <p><b>Thread model.</b> Not thread-safe; confined to the connection's event loop.
 */
final class AttemptTarget {

    /** Redirects followed in a row before the client calls it a loop. */
    static final int MAX_REDIRECTS = 3;

    private final ServerUrl configured;

    private final WireProtocol protocol;

    private ServerUrl current;

    /** Redirects followed since the last loss or login. */
    private int redirects;

    AttemptTarget(ServerUrl configured, WireProtocol protocol) {
        this.configured = configured;
        this.protocol = protocol;
        this.current = configured;
    }

    /** @return the URL of the current attempt */
    ServerUrl current() {
        return this.current;
    }

    /** @return whether the current attempt follows a redirect */
    boolean redirected() {
        return this.redirects > 0;
    }

    /**
     * Follows a redirect: the next attempt goes to its URL.
     * @param location the URL the server sent
     * @return the new target
     * @throws IllegalArgumentException naming the problem, for an unusable URL or a redirect loop
     */
    ServerUrl redirect(String location) {
        ServerUrl to;
        try {
            to = ServerUrl.parse(location, this.protocol);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("the server redirected to an unusable URL: " + ex.getMessage(), ex);
        }
        if (this.redirects >= MAX_REDIRECTS) {
            throw new IllegalArgumentException("redirect loop: more than " + MAX_REDIRECTS
                    + " redirects in a row, the last to " + to);
        }
        this.redirects++;
        this.current = to;
        return to;
    }

    /** The client logged in: the redirects that led here are no loop. */
    void settled() {
        this.redirects = 0;
    }

    /** The connection was lost: the next attempt starts from the configured URL. */
    void reset() {
        this.current = this.configured;
        this.redirects = 0;
    }

}
