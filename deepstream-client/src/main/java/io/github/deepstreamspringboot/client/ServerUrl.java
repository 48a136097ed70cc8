package io.github.deepstreamspringboot.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A validated deepstream server URL. Its {@link #toString()} masks credentials (user info) and the values of query
 * parameters such as {@code apiKey}, so it is safe to log and to show in health details.
 */
public final class ServerUrl {

    private static final String MASK = "****";

    private static final Pattern USER_INFO = Pattern.compile("//[^/\\s@\\]\\[]+@");

    private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=\\s&\\]\\[#]+=)[^&\\s\\]\\[#]+");

    private final URI uri;

    private final String masked;

    private final WireProtocol protocol;

    private ServerUrl(URI uri, WireProtocol protocol) {
        this.uri = uri;
        this.masked = mask(uri);
        this.protocol = protocol;
    }

    /**
     * Parses and validates a URL, and settles the protocol spoken on it.
     * @param url the URL, {@code ws://} or {@code wss://}
     * @param protocol the configured protocol: it gives the path used when the URL has none (or only {@code /}),
     * and {@link WireProtocol#AUTO} is resolved by the path
     * @return the URL
     * @throws IllegalArgumentException if the URL is empty, unparsable, has another scheme or no host
     */
    public static ServerUrl parse(String url, WireProtocol protocol) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "'url' must not be empty: give the server's WebSocket URL, e.g. ws://127.0.0.1:6020/deepstream");
        }
        String stripped = url.strip();
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                // the URL itself is not echoed: it may carry credentials
                throw new IllegalArgumentException("'url' holds " + ((c == ',') ? "a comma" : "whitespace")
                        + " at index " + i + ": it takes one server's URL; give the nodes of a cluster as a list");
            }
        }
        URI uri;
        try {
            uri = new URI(stripped);
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("'url' is not a valid URL (" + ex.getReason()
                    + " at index " + ex.getIndex() + "): use ws://host:port/path");
        }
        String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("'url' must start with ws:// or wss:// but was " + mask(uri)
                    + (("http".equals(scheme) || "https".equals(scheme)) ? ": deepstream clients connect over WebSocket"
                            : ""));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'url' has no host: " + mask(uri));
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
            uri = URI.create(scheme + "://" + uri.getRawAuthority() + protocol.defaultPath() + query);
        }
        return new ServerUrl(uri, protocol.forPath(uri.getPath()));
    }

    /**
     * Returns the full URL, credentials included: use it to connect, never to log.
     * @return the URI
     */
    public URI uri() {
        return this.uri;
    }

    /**
     * Returns the protocol spoken on this URL.
     * @return {@link WireProtocol#BINARY} or {@link WireProtocol#JSON}, never {@link WireProtocol#AUTO}
     */
    public WireProtocol protocol() {
        return this.protocol;
    }

    /**
     * Returns the URL with credentials and query parameter values replaced by {@code ****}.
     * @return the masked URL
     */
    @Override
    public String toString() {
        return this.masked;
    }

    /**
     * Masks this URL, and any credentials or query parameter values in URL form, inside a text such as an exception
     * message from the WebSocket library.
     * @param text the text, may be {@code null}
     * @return the text with secrets masked, or {@code null}
     */
    public @Nullable String redact(@Nullable String text) {
        if (text == null) {
            return null;
        }
        return maskSecrets(text.replace(this.uri.toString(), this.masked));
    }

    /**
     * Describes a failure by its root cause, with this URL and any other URL's secrets masked.
     * @param failure the failure
     * @return e.g. {@code ConnectException: Connection refused}
     */
    public String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = redact(cause.getMessage());
        String text = cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
        if (!isTls(failure)) {
            return text;
        }
        if (message != null && (message.contains("No name matching") || message.contains("No subject alternative"))) {
            return "TLS handshake failed: the server's certificate does not name the host " + this.uri.getHost()
                    + "; connect by a name or address it lists (" + text + ")";
        }
        if (cause instanceof CertPathBuilderException
                || (message != null && message.contains("certification path"))) {
            return "TLS handshake failed: the server's certificate is not trusted; give the client its CA with "
                    + "deepstream.ssl.bundle or DeepstreamOptions.sslContext (" + text + ")";
        }
        return "TLS handshake failed: " + text;
    }

    /** Whether a failure comes from TLS: a handshake or certificate problem anywhere in its causes. */
    private static boolean isTls(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            if (cause instanceof SSLException || cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Masks credentials and query parameter values of any URL inside a text, for log lines of libraries that print
     * URLs as they got them.
     * @param text the text, may be {@code null}
     * @return the text with secrets masked, or {@code null}
     */
    public static @Nullable String maskSecrets(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String redacted = USER_INFO.matcher(text).replaceAll("//" + MASK + "@");
        return QUERY_VALUE.matcher(redacted).replaceAll("$1" + MASK);
    }

    @Override
    public boolean equals(Object other) {
        return (other instanceof ServerUrl that) && this.uri.equals(that.uri) && this.protocol == that.protocol;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.uri, this.protocol);
    }

    private static String mask(URI uri) {
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append(':');
        }
        if (uri.getRawAuthority() != null) {
            text.append("//");
            if (uri.getRawUserInfo() != null) {
                text.append(MASK).append('@');
            }
            if (uri.getHost() != null) {
                text.append(uri.getHost());
                if (uri.getPort() != -1) {
                    text.append(':').append(uri.getPort());
                }
            }
            else {
                // an authority the URI class could not split into host and port: show nothing of it
                text.append(MASK);
            }
        }
        if (uri.getRawPath() != null) {
            text.append(uri.getRawPath());
        }
        else if (uri.getRawSchemeSpecificPart() != null && uri.getRawAuthority() == null) {
            text.append(MASK);
        }
        if (uri.getRawQuery() != null) {
            text.append('?').append(maskQuery(uri.getRawQuery()));
        }
        return text.toString();
    }

    private static String maskQuery(String query) {
        StringBuilder masked = new StringBuilder();
        for (String parameter : query.split("&", -1)) {
            if (masked.length() > 0) {
                masked.append('&');
            }
            int equals = parameter.indexOf('=');
            masked.append((equals >= 0) ? parameter.substring(0, equals + 1) + MASK : parameter);
        }
        return masked.toString();
    }

}
