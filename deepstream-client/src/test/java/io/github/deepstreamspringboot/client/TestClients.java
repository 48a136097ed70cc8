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

    private final WireProtocol protocol;

    private final TransportType transport;

    private final List<DeepstreamClient> clients = new CopyOnWriteArrayList<>();

    /**
     * Creates clients of a server that speak a protocol over a transport.
     * @param server the server the clients log in to by default
     * @param protocol the protocol, which picks the server's endpoint
     * @param transport the transport every client of this instance uses, whatever options it is given
     */
    public TestClients(DeepstreamServerExtension server, WireProtocol protocol, TransportType transport) {
        this.server = server;
        this.protocol = protocol;
        this.transport = transport;
    }

    /** @return the URL of the server's endpoint for this protocol */
    public String url() {
        return this.server.url(this.protocol);
    }

    /** @return the protocol the clients speak */
    public WireProtocol protocol() {
        return this.protocol;
    }

    /** @return the transport the clients use */
    public TransportType transport() {
        return this.transport;
    }

    /** @return options for a client created directly: the protocol and transport of this instance */
    public DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().protocol(this.protocol).transport(this.transport);
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
        return loggedIn(url(), user, DeepstreamOptions.defaults());
    }

    /**
     * Creates a client and logs it in (open auth).
     * @param user the username
     * @param options the options
     * @return the client
     * @throws Exception if the login does not succeed within 10 s
     */
    public DeepstreamClient loggedIn(String user, DeepstreamOptions options) throws Exception {
        return loggedIn(url(), user, options);
    }

    /**
     * Creates a client with default options, not logged in, closed after the test.
     * @return the client, connecting
     */
    public DeepstreamClient connecting() {
        return connecting(url(), DeepstreamOptions.defaults());
    }

    /**
     * Creates a client of any URL, not logged in, closed after the test.
     * @param url the URL
     * @param options the options
     * @return the client, connecting unless the options say otherwise
     */
    public DeepstreamClient connecting(String url, DeepstreamOptions options) {
        DeepstreamClient client = DeepstreamClient.create(url, options.toBuilder().transport(this.transport).build());
        this.clients.add(client);
        return client;
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
        DeepstreamClient client = connecting(url, options);
        client.login(Map.of("username", user)).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        this.clients.forEach(DeepstreamClient::close);
        this.clients.clear();
    }

}
