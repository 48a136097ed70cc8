package io.github.deepstreamspringboot.client.internal.connection;

import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.WireProtocol;

/**
 * What to tell a user whose client and server do not speak the same protocol at the same path: the two ways a
 * deepstream server shows it, with what was tried, what the endpoint probably expects and which setting to change.
 * A close code alone says nothing (the server closes with 1000 either way), so the connection calls these only when
 * the socket closed during the handshake before the server sent anything, or the upgrade got no HTTP answer.
 */
final class EndpointHints {

    private static final String PROTOCOL_SETTING = "deepstream.protocol (DeepstreamOptions.Builder.protocol)";

    private EndpointHints() {
    }

    /**
     * The server closed the socket during the handshake without sending a single message: deepstream does that to a
     * client whose frames it cannot read, so the endpoint speaks the other protocol.
     * @param url the URL tried
     * @return the hint
     */
    static String closedDuringHandshake(ServerUrl url) {
        String path = url.uri().getPath();
        if (url.protocol() == WireProtocol.JSON) {
            return "the server closed the connection during the handshake without answering; tried " + path
                    + " with the json protocol, but that endpoint probably expects binary (a stock deepstream server "
                    + "serves only binary, at /deepstream, and deepstream 10.x closes every JSON connection this "
                    + "way): set " + PROTOCOL_SETTING + " to binary, or use a URL whose path does not end in -json";
        }
        return "the server closed the connection during the handshake without answering; tried " + path
                + " with the binary protocol, but that endpoint probably expects json (the ws-json endpoint, "
                + "/deepstream-json when enabled): set " + PROTOCOL_SETTING + " to json, or point the URL at the "
                + "server's binary endpoint (/deepstream by default)";
    }

    /**
     * The server dropped the connection without any HTTP answer to the WebSocket upgrade: deepstream does that for a
     * path it does not serve.
     * @param url the URL tried
     * @return the hint
     */
    static String noHttpAnswer(ServerUrl url) {
        String path = url.uri().getPath();
        String tried = "tried " + path + " with the " + url.protocol().name().toLowerCase(java.util.Locale.ROOT)
                + " protocol";
        if (url.protocol() == WireProtocol.JSON) {
            return "the server gave no HTTP answer to the WebSocket upgrade, as deepstream does for a path it does "
                    + "not serve; " + tried + ", but a stock deepstream server serves only its binary endpoint "
                    + "/deepstream (JSON needs ws-json enabled in the server's config): use a URL with the path "
                    + "/deepstream (or none) and set " + PROTOCOL_SETTING + " to auto or binary";
        }
        return "the server gave no HTTP answer to the WebSocket upgrade, as deepstream does for a path it does not "
                + "serve; " + tried + ", but the endpoint is probably at another path (a stock server serves binary "
                + "at /deepstream): fix the path of the URL (deepstream.url)";
    }

}
