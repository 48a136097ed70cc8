package io.github.deepstreamspringboot.client.internal.connection;

import java.util.List;

import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.WireProtocol;

/**
 * Where the next connection attempt goes: one of the configured nodes, or the server a REDIRECT pointed this attempt
 * to. The nodes are tried in the configured order, starting with the first; every lost connection or failed attempt
 * moves on to the next node, round the list. A redirect holds for the current attempt only, and more than
 * {@value #MAX_REDIRECTS} redirects in a row are a loop.
 *
 * <p><b>Thread model.</b> Confined to the connection's event loop, except {@link #current()}, which any thread may
 * read.
 */
final class AttemptTarget {

    /** Redirects followed in a row before the client calls it a loop. */
    static final int MAX_REDIRECTS = 3;

    private final List<ServerUrl> nodes;

    private final WireProtocol protocol;

    /** The node of the current attempt, or the last one tried. */
    private int node;

    private volatile ServerUrl current;

    /** Redirects followed since the last loss or login. */
    private int redirects;

    AttemptTarget(List<ServerUrl> nodes, WireProtocol protocol) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one server URL is needed");
        }
        this.nodes = List.copyOf(nodes);
        this.protocol = protocol;
        this.current = this.nodes.get(0);
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

    /** The connection was lost or the attempt failed: the next attempt goes to the next configured node. */
    void reset() {
        this.node = (this.node + 1) % this.nodes.size();
        this.current = this.nodes.get(this.node);
        this.redirects = 0;
    }

    /** @return the configured nodes, in order */
    List<ServerUrl> nodes() {
        return this.nodes;
    }

}
