package io.github.deepstreamspringboot.devserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a starting dev server to answer its health check, over HTTPS when it serves TLS (trusting its CA only).
 *
 * <p><b>Thread model.</b> Thread-safe: the HTTP client is; {@link #await} blocks its caller.
 */
final class HealthCheck {

    /** Where the server's configuration puts the check. */
    static final String PATH = "/health-check";

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /** HTTP/1.1 only: the server treats the client's default h2c upgrade as a WebSocket upgrade and never answers. */
    private final HttpClient http;

    private final String scheme;

    HealthCheck(ServerTls tls) {
        HttpClient.Builder http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2));
        if (tls != null) {
            http.sslContext(tls.trustingItsCa());
        }
        this.http = http.build();
        this.scheme = (tls != null) ? "https" : "http";
    }

    /** @return the check's URL for a port */
    URI uri(int port) {
        return URI.create(this.scheme + "://127.0.0.1:" + port + PATH);
    }

    /**
     * Polls the check until it answers 200, the process exits, or the timeout passes.
     * @return whether it answered; {@code false} if the process exited or the time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    boolean await(int port, Process process, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(uri(port)).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return false;
    }

}
