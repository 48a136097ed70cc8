package io.github.deepstreamspringboot.client.internal.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.internal.connection.ScriptedConnection;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.RpcAction;
import io.github.deepstreamspringboot.client.rpc.RpcClient;
import io.github.deepstreamspringboot.client.rpc.RpcErrorKind;
import io.github.deepstreamspringboot.client.rpc.RpcException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link RpcClient}: correlation, deadlines, calls across a lost connection, bulk re-provide.
 */
class DefaultRpcClientTests {

    private final ScriptedConnection server = new ScriptedConnection(DeepstreamOptions.builder()
        .rpcTimeout(Duration.ofSeconds(20)).build());

    private final RpcClient rpc = new DefaultRpcClient(this.server.context());

    DefaultRpcClientTests() {
        this.server.start();
    }

    private List<Message> sent(RpcAction action) {
        return this.server.sent().stream().filter(action::matches).toList();
    }

    private static RpcErrorKind failure(CompletableFuture<?> call) {
        assertThat(call).isCompletedExceptionally();
        return call.handle((value, ex) -> ((RpcException) ex.getCause()).getRpcErrorKind()).join();
    }

    @Test
    void responsesAreMatchedByCorrelationIdInAnyOrder() {
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(this.rpc.make("add", i));
        }
        this.server.runPending();
        List<Message> requests = sent(RpcAction.REQUEST);
        Set<String> ids = new HashSet<>();
        requests.forEach((request) -> ids.add(request.correlationId()));
        assertThat(ids).hasSize(3);
        for (int i = 2; i >= 0; i--) {
            this.server.receive("{\"topic\":6,\"action\":5,\"name\":\"add\",\"correlationId\":\""
                    + requests.get(i).correlationId() + "\",\"data\":\"" + (i * 10) + "\"}");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(calls.get(i).join().intValue()).isEqualTo(i * 10);
        }
    }

    @Test
    void callFailsAtItsClientDeadline() {
        CompletableFuture<JsonNode> call = this.rpc.make("slow", null);
        this.server.advance(Duration.ofSeconds(20).minusMillis(1));
        assertThat(call).isNotDone();
        this.server.advance(Duration.ofMillis(1));
        assertThat(failure(call)).isEqualTo(RpcErrorKind.CLIENT_TIMEOUT);
    }

    @Test
    void sentCallFailsWhenTheConnectionIsLostButAQueuedCallIsSentAfterTheReconnect() {
        CompletableFuture<JsonNode> inFlight = this.rpc.make("a", null);
        this.server.runPending();
        this.server.lose();
        assertThat(failure(inFlight)).isEqualTo(RpcErrorKind.CONNECTION_LOST);
        CompletableFuture<JsonNode> queued = this.rpc.make("b", null);
        this.server.runPending();
        assertThat(queued).isNotDone();
        this.server.connectAndLogIn();
        assertThat(sent(RpcAction.REQUEST)).extracting(Message::name).containsExactly("b");
        assertThat(queued).isNotDone();
    }

    @Test
    void serverErrorsFailTheCallWithTheirKind() {
        CompletableFuture<JsonNode> none = this.rpc.make("x", null);
        CompletableFuture<JsonNode> accept = this.rpc.make("y", null);
        CompletableFuture<JsonNode> error = this.rpc.make("z", null);
        this.server.runPending();
        List<Message> requests = sent(RpcAction.REQUEST);
        this.server.receive(reply(100, requests.get(0)));
        this.server.receive(reply(101, requests.get(1)));
        this.server.receive("{\"topic\":6,\"action\":7,\"name\":\"z\",\"correlationId\":\""
                + requests.get(2).correlationId() + "\",\"data\":\"\\\"boom\\\"\"}");
        assertThat(failure(none)).isEqualTo(RpcErrorKind.NO_RPC_PROVIDER);
        assertThat(failure(accept)).isEqualTo(RpcErrorKind.ACCEPT_TIMEOUT);
        assertThat(failure(error)).isEqualTo(RpcErrorKind.PROVIDER_ERROR);
    }

    private static String reply(int action, Message request) {
        return "{\"topic\":6,\"action\":" + action + ",\"name\":\"" + request.name() + "\",\"correlationId\":\""
                + request.correlationId() + "\"}";
    }

    @Test
    void providersAreRestoredInOneMessageAfterAReconnect() {
        this.rpc.provide("a", (request, response) -> response.send(1));
        this.rpc.provide("b", (request, response) -> response.send(2));
        this.server.runPending();
        this.server.reconnect();
        assertThat(sent(RpcAction.PROVIDE)).singleElement()
            .satisfies((message) -> assertThat(message.names()).containsExactly("a", "b"));
    }

    @Test
    void providerAnswersAndAcceptsAndUnknownNamesAreRejected() {
        this.rpc.provide("echo", (request, response) -> response.send(request.data()));
        this.rpc.provide("later", (request, response) -> {
        });
        this.server.runPending();
        this.server.receive("{\"topic\":6,\"action\":2,\"name\":\"echo\",\"correlationId\":\"c1\",\"data\":\"5\"}");
        this.server.receive("{\"topic\":6,\"action\":2,\"name\":\"later\",\"correlationId\":\"c2\"}");
        this.server.receive("{\"topic\":6,\"action\":2,\"name\":\"gone\",\"correlationId\":\"c3\"}");
        this.server.runPending();
        assertThat(sent(RpcAction.RESPONSE)).singleElement().satisfies((message) -> {
            assertThat(message.correlationId()).isEqualTo("c1");
            assertThat(message.payload().intValue()).isEqualTo(5);
        });
        assertThat(sent(RpcAction.ACCEPT)).extracting(Message::correlationId).containsExactly("c2");
        assertThat(sent(RpcAction.REJECT)).extracting(Message::correlationId).containsExactly("c3");
    }

}
