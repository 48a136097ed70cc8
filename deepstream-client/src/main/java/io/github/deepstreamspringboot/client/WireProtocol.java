package io.github.deepstreamspringboot.client;

import java.util.Locale;

import io.github.deepstreamspringboot.client.internal.protocol.BinaryMessageCodec;
import io.github.deepstreamspringboot.client.internal.protocol.JsonMessageCodec;


/**
 * How the client encodes deepstream messages, and so which of the server's WebSocket endpoints it talks to. The one
 * place that decides both: the path used when a URL has none, and the codec used for a URL's path.
 *
 * <p>A stock deepstream server serves only the binary endpoint, {@code /deepstream}; the JSON endpoint,
 * {@code /deepstream-json}, exists only where someone enabled {@code ws-json} in the server's configuration.
 */
public enum WireProtocol {

    /**
     * Chosen by the URL's path: a path ending in {@code -json} speaks JSON, any other path binary, and a URL without
     * a path goes to the binary endpoint {@code /deepstream}, as deepstream's JavaScript client does.
     */
    AUTO,

    /** deepstream's default protobuf encoding in binary frames; {@code /deepstream} when the URL has no path. */
    BINARY,

    /**
     * One JSON object per text frame; {@code /deepstream-json} when the URL has no path. Readable in a network trace,
     * which is what it is worth choosing for; the server must have its {@code ws-json} endpoint enabled.
     */
    JSON;

    /**
     * Returns the path to use for a URL that has none.
     * @return {@code /deepstream-json} for {@link #JSON}, else {@code /deepstream}
     */
    public String defaultPath() {
        return (this == JSON) ? JsonMessageCodec.DEFAULT_PATH : BinaryMessageCodec.DEFAULT_PATH;
    }

    /**
     * Returns the concrete protocol for a URL path: this one, unless this is {@link #AUTO}.
     * @param path the URL's path
     * @return {@link #BINARY} or {@link #JSON}
     */
    public WireProtocol forPath(String path) {
        if (this != AUTO) {
            return this;
        }
        return (path != null && path.toLowerCase(Locale.ROOT).endsWith("-json")) ? JSON : BINARY;
    }

}
