package io.github.deepstreamspringboot.client.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.EachWireProtocolAndTransport;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.TestClients;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * RPC between Java clients on a real deepstream server (accept timeout 1 s and response timeout 10 s, the server's
 * defaults), including refusals by permissions.
 */
@EachWireProtocolAndTransport
class RpcIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder()
        .permissions(Map.of("presence", Map.of("*", Map.of("allow", true)),
                "record", Map.of("*", Map.of("create", true, "write", true, "read", true, "delete", true,
                        "listen", true, "notify", true)),
                "event", Map.of("*", Map.of("publish", true, "subscribe", true, "listen", true),
                        "secret/*", Map.of("publish", false, "subscribe", false, "listen", false)),
                "rpc", Map.of("*", Map.of("provide", true, "request", true),
                        "secret/*", Map.of("provide", false, "request", false)))));

    @RegisterExtension
    final TestClients clients;

    RpcIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.clients = new TestClients(server, protocol, transport);
    }



    record Sum(int a, int b) {
    }

    record Total(int value) {
    }

    private static RpcException rpcFailure(CompletableFuture<?> call) {
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> call.get(20, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(RpcException.class);
        return (RpcException) failure.getCause();
    }

    @Test
    void providedRpcAnswersTypedCalls() throws Exception {
        DeepstreamClient provider = this.clients.loggedIn("provider");
        DeepstreamClient caller = this.clients.loggedIn("caller");
        provider.rpc().provide("math/add", (request, response) -> {
            Sum sum = request.data(Sum.class);
            response.send(new Total(sum.a() + sum.b()));
        }).whenProvided().get(10, TimeUnit.SECONDS);

        assertThat(caller.rpc().make("math/add", new Sum(2, 40), Total.class).get(10, TimeUnit.SECONDS))
            .isEqualTo(new Total(42));
        JsonNode json = caller.rpc().make("math/add", Map.of("a", 1, "b", 1)).get(10, TimeUnit.SECONDS);
        assertThat(json.get("value").intValue()).isEqualTo(2);
    }

    @Test
    void providerMayAnswerLaterFromAnotherThread() throws Exception {
        DeepstreamClient provider = this.clients.loggedIn("provider");
        DeepstreamClient caller = this.clients.loggedIn("caller");
        provider.rpc().provide("slow", (request, response) -> CompletableFuture
            .runAsync(() -> response.send("done"), CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS)))
            .whenProvided().get(10, TimeUnit.SECONDS);
        assertThat(caller.rpc().make("slow", null, String.class).get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }

    @Test
    void callWithoutProviderFailsWithNoRpcProvider() throws Exception {
        DeepstreamClient caller = this.clients.loggedIn("caller");
        assertThat(rpcFailure(caller.rpc().make("nobody/home", "x")).getRpcErrorKind())
            .isEqualTo(RpcErrorKind.NO_RPC_PROVIDER);
    }

    @Test
    void rejectingProviderLeavesNoProvider() throws Exception {
        DeepstreamClient provider = this.clients.loggedIn("provider");
        DeepstreamClient caller = this.clients.loggedIn("caller");
        provider.rpc().provide("picky", (request, response) -> response.reject()).whenProvided().get(10,
                TimeUnit.SECONDS);
        assertThat(rpcFailure(caller.rpc().make("picky", "x")).getRpcErrorKind())
            .isEqualTo(RpcErrorKind.NO_RPC_PROVIDER);
    }

    @Test
    void providerErrorReachesTheCallerWithItsMessage() throws Exception {
        DeepstreamClient provider = this.clients.loggedIn("provider");
        DeepstreamClient caller = this.clients.loggedIn("caller");
        provider.rpc().provide("fails", (request, response) -> response.error("out of stock")).whenProvided()
            .get(10, TimeUnit.SECONDS);
        RpcException failure = rpcFailure(caller.rpc().make("fails", "x"));
        assertThat(failure.getRpcErrorKind()).isEqualTo(RpcErrorKind.PROVIDER_ERROR);
        assertThat(failure.getErrorData().stringValue()).isEqualTo("out of stock");
    }

    @Test
    void providerThatThrowsAnswersWithASafeErrorAndIsReported() throws Exception {
        DeepstreamClient provider = this.clients.loggedIn("provider");
        DeepstreamClient caller = this.clients.loggedIn("caller");
        List<DeepstreamError> errors = new CopyOnWriteArrayList<>();
        provider.addErrorListener(errors::add);
        provider.rpc().provide("buggy", (request, response) -> {
            throw new IllegalStateException("database password is hunter2");
        }).whenProvided().get(10, TimeUnit.SECONDS);
        RpcException failure = rpcFailure(caller.rpc().make("buggy", "x"));
        assertThat(failure.getRpcErrorKind()).isEqualTo(RpcErrorKind.PROVIDER_ERROR);
        assertThat(failure.getErrorData().toString()).doesNotContain("hunter2");
        await().until(() -> errors.stream().anyMatch((error) -> error.kind() == ErrorKind.HANDLER_ERROR));
    }

    @Test
    void providerThatNeverAnswersTimesOutOnTheServerOrTheClientDeadline() throws Exception {
        DeepstreamClient provider = this.clients.loggedIn("provider");
        DeepstreamClient caller = this.clients.loggedIn("caller", DeepstreamOptions.builder()
            .rpcTimeout(Duration.ofMillis(500)).build());
        provider.rpc().provide("silent", (request, response) -> {
        }).whenProvided().get(10, TimeUnit.SECONDS);
        assertThat(rpcFailure(caller.rpc().make("silent", "x")).getRpcErrorKind())
            .isEqualTo(RpcErrorKind.CLIENT_TIMEOUT);
        DeepstreamClient patient = this.clients.loggedIn("patient");
        provider.rpc().provide("never-accepts", (request, response) -> response.setAutoAccept(false)).whenProvided()
            .get(10, TimeUnit.SECONDS);
        assertThat(rpcFailure(patient.rpc().make("never-accepts", "x")).getRpcErrorKind())
            .isEqualTo(RpcErrorKind.ACCEPT_TIMEOUT);
    }

    @Test
    void unprovidedNameIsNoLongerCalled() throws Exception {
        DeepstreamClient provider = this.clients.loggedIn("provider");
        DeepstreamClient caller = this.clients.loggedIn("caller");
        RpcRegistration registration = provider.rpc().provide("temp", (request, response) -> response.send("ok"));
        registration.whenProvided().get(10, TimeUnit.SECONDS);
        assertThat(caller.rpc().make("temp", null, String.class).get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        registration.unprovide().get(10, TimeUnit.SECONDS);
        assertThat(rpcFailure(caller.rpc().make("temp", null)).getRpcErrorKind())
            .isEqualTo(RpcErrorKind.NO_RPC_PROVIDER);
    }

    @Test
    void refusedOperationsFailTheirFutureAndReachTheErrorListeners() throws Exception {
        DeepstreamClient client = this.clients.loggedIn("client");
        List<DeepstreamError> errors = new CopyOnWriteArrayList<>();
        client.addErrorListener(errors::add);
        assertThat(rpcFailure(client.rpc().make("secret/x", "x")).getRpcErrorKind())
            .isEqualTo(RpcErrorKind.MESSAGE_DENIED);
        assertThatThrownBy(() -> client.rpc().provide("secret/y", (request, response) -> response.send(1))
            .whenProvided().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(
                    io.github.deepstreamspringboot.client.DeepstreamException.class);
        assertThatThrownBy(() -> client.event().subscribe("secret/z", (data) -> {
        }).whenSubscribed().get(10, TimeUnit.SECONDS)).hasMessageContaining("MESSAGE_DENIED");
        await().until(() -> errors.stream().filter((error) -> error.kind() == ErrorKind.MESSAGE_DENIED).count() >= 3);
        assertThat(errors).filteredOn((error) -> error.kind() == ErrorKind.MESSAGE_DENIED)
            .extracting(DeepstreamError::name).contains("secret/x", "secret/y", "secret/z");
    }

}
