package io.github.deepstreamspringboot.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;

/**
 * Logged-in clients for a test, closed after it. Register as an instance field with {@code @RegisterExtension}.
 */
public final class TestClients implements AfterEachCallback {

    private final DeepstreamServerExtension server;

    private final List<DeepstreamClient> clients = new CopyOnWriteArrayList<>();

    /**
     * Creates clients of a server.
     * @param server the server the clients log in to by default
     */
    public TestClients(DeepstreamServerExtension server) {
        this.server = server;
    }

    /**
     * Options that reconnect within half a second, for tests that restart or cut the server.
     * @return a builder with short reconnection waits
     */
    public static DeepstreamOptions.Builder fastReconnects() {
        return DeepstreamOptions.builder()
            .reconnectIntervalIncrement(java.time.Duration.ofMillis(100))
            .maxReconnectInterval(java.time.Duration.ofMillis(500));
    }

    /**
     * Creates a client with default options and logs it in (open auth).
     * @param user the username
     * @return the client
     * @throws Exception if the login does not succeed within 10 s
     */
    public DeepstreamClient loggedIn(String user) throws Exception {
        return loggedIn(this.server.server().jsonUrl(), user, DeepstreamOptions.defaults());
    }

    /**
     * Creates a client and logs it in (open auth).
     * @param user the username
     * @param options the options
     * @return the client
     * @throws Exception if the login does not succeed within 10 s
     */
    public DeepstreamClient loggedIn(String user, DeepstreamOptions options) throws Exception {
        return loggedIn(this.server.server().jsonUrl(), user, options);
    }

    /**
     * Creates a client of any URL and logs it in (open auth).
     * @param url the URL (for example through a proxy)
     * @param user the username
     * @param options the options
     * @return the client
     * @throws Exception if the login does not succeed within 10 s
     */
    public DeepstreamClient loggedIn(String url, String user, DeepstreamOptions options) throws Exception {
        DeepstreamClient client = DeepstreamClient.create(url, options);
        this.clients.add(client);
        client.login(Map.of("username", user)).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        this.clients.forEach(DeepstreamClient::close);
        this.clients.clear();
    }

}
