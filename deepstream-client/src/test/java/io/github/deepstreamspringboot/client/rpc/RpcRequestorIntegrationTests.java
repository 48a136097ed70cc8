package io.github.deepstreamspringboot.client.rpc;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.EachWireProtocolAndTransport;
import io.github.deepstreamspringboot.client.TestClients;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who called: a provider sees the requestor's name and client data when the server passes them
 * ({@code rpc.provideRequestorName}, {@code rpc.provideRequestorData}), and neither when it does not (its default), on
 * both endpoints.
 */
@EachWireProtocolAndTransport
class RpcRequestorIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension passing = new DeepstreamServerExtension(LocalDeepstreamServer.builder()
        .user("caller", "caller-secret", Map.of("role", "auditor", "level", 3))
        .user("provider", "provider-secret")
        .config("rpc", Map.of("provideRequestorName", true, "provideRequestorData", true)));

    @RegisterExtension
    static final DeepstreamServerExtension silent = new DeepstreamServerExtension(LocalDeepstreamServer.builder()
        .user("caller", "caller-secret", Map.of("role", "auditor"))
        .user("provider", "provider-secret"));

    private final WireProtocol protocol;

    @RegisterExtension
    final TestClients clients;

    RpcRequestorIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.protocol = protocol;
        this.clients = new TestClients(passing, protocol, transport);
    }

    @Test
    void aProviderSeesTheRequestorsNameAndClientDataWhenTheServerPassesThem() throws Exception {
        RpcRequest request = callOnce(passing);
        assertThat(request.requestorName()).isEqualTo("caller");
        assertThat(request.requestorData().get("role").stringValue()).isEqualTo("auditor");
        assertThat(request.requestorData().get("level").intValue()).isEqualTo(3);
    }

    @Test
    void aProviderSeesNeitherWhenTheServerDoesNotPassThem() throws Exception {
        RpcRequest request = callOnce(silent);
        assertThat(request.requestorName()).isNull();
        assertThat(request.requestorData()).isNull();
    }

    private RpcRequest callOnce(DeepstreamServerExtension server) throws Exception {
        DeepstreamClient provider = login(server, "provider", "provider-secret");
        DeepstreamClient caller = login(server, "caller", "caller-secret");
        CompletableFuture<RpcRequest> received = new CompletableFuture<>();
        provider.rpc().provide("who-called", (request, response) -> {
            received.complete(request);
            response.send("ok");
        }).whenProvided().get(10, TimeUnit.SECONDS);
        assertThat(caller.rpc().make("who-called", Map.of("a", 1), String.class).get(10, TimeUnit.SECONDS))
            .isEqualTo("ok");
        RpcRequest request = received.get(10, TimeUnit.SECONDS);
        assertThat(request.data().get("a").intValue()).isEqualTo(1);
        return request;
    }

    private DeepstreamClient login(DeepstreamServerExtension server, String user, String password) throws Exception {
        DeepstreamClient client = this.clients.connecting(server.url(this.protocol), DeepstreamOptions.defaults());
        client.login(Map.of("username", user, "password", password)).get(10, TimeUnit.SECONDS);
        return client;
    }

}
