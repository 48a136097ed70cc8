package io.github.deepstreamspringboot.interop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.EachWireProtocolAndTransport;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.client.rpc.RpcErrorKind;
import io.github.deepstreamspringboot.client.rpc.RpcException;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Java client (on the binary and on the JSON endpoint) and the official JavaScript client 7.0.5 (binary) on one
 * real server: events, RPC and presence in both directions.
 */
@EachWireProtocolAndTransport
class JsInteropIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    @RegisterExtension
    final JsInteropPeers peers;

    JsInteropIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.peers = new JsInteropPeers(server, protocol, transport);
    }

    record Reading(String sensor, double value, List<Integer> history, Map<String, Boolean> flags) {
    }

    private List<JsonNode> jsEvents(String name) {
        return this.peers.js().notifications().stream()
            .filter((n) -> n.get("notification").asString().equals("event") && n.get("name").asString().equals(name))
            .toList();
    }

    @Test
    void eventsFlowBothWaysWithTypedPayloadsIntact() throws Exception {
        this.peers.connect();
        Reading reading = new Reading("t-1", 21.5, List.of(1, 2, 3), Map.of("ok", true));

        List<Reading> received = new CopyOnWriteArrayList<>();
        this.peers.java().event().subscribe("from-js", Reading.class, received::add).whenSubscribed().get(10, TimeUnit.SECONDS);
        this.peers.js().call("emit", Map.of("name", "from-js", "data", reading));
        await().atMost(WAIT).until(() -> received.size() == 1);
        assertThat(received.get(0)).isEqualTo(reading);

        this.peers.js().call("subscribe", Map.of("name", "from-java"));
        // the JavaScript client batches subscriptions and tells nobody when they are active: probe until one arrives
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            this.peers.java().event().emit("from-java", "probe");
            return !jsEvents("from-java").isEmpty();
        });
        this.peers.java().event().emit("from-java", reading).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> jsEvents("from-java").stream()
            .anyMatch((event) -> event.get("data").isObject()));
        JsonNode data = jsEvents("from-java").stream().filter((event) -> event.get("data").isObject()).findFirst()
            .orElseThrow().get("data");
        assertThat(data.get("sensor").asString()).isEqualTo("t-1");
        assertThat(data.get("value").doubleValue()).isEqualTo(21.5);
        assertThat(data.get("history").toString()).isEqualTo("[1,2,3]");
        assertThat(data.get("flags").get("ok").booleanValue()).isTrue();
    }

    @Test
    void aBurstOfFiftyThousandEmitsWithDefaultOptionsArrivesInFull() throws Exception {
        this.peers.connect();
        String name = "burst-" + System.nanoTime();
        List<ErrorKind> errors = new CopyOnWriteArrayList<>();
        this.peers.java().addErrorListener((error) -> errors.add(error.kind()));
        this.peers.js().call("subscribeCount", Map.of("name", name));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            this.peers.java().event().emit(name, Map.of("seq", -1));
            return this.peers.js().call("count", Map.of("name", name)).get("total").intValue() > 0;
        });
        int burst = 50_000;
        String body = "b".repeat(80);
        // back to back, as a batch publisher does, nobody looking at the futures
        for (int i = 0; i < burst; i++) {
            this.peers.java().event().emit(name, Map.of("seq", i, "body", body));
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(
                () -> this.peers.js().call("count", Map.of("name", name)).get("distinct").intValue() == burst + 1);
        assertThat(errors).doesNotContain(ErrorKind.OFFLINE_QUEUE_FULL);
    }

    @Test
    void javaCallsJavaScriptProvidersIncludingRejectAndError() throws Exception {
        this.peers.connect();
        this.peers.js().call("provide", Map.of("name", "js/echo", "mode", "echo"));
        this.peers.js().call("provide", Map.of("name", "js/reject", "mode", "reject"));
        this.peers.js().call("provide", Map.of("name", "js/error", "mode", "error"));

        JsonNode result = await().atMost(WAIT).ignoreExceptions().until(
                () -> this.peers.java().rpc().make("js/echo", Map.of("n", 7)).get(5, TimeUnit.SECONDS), (value) -> true);
        assertThat(result.get("by").asString()).isEqualTo("js");
        assertThat(result.get("echoed").get("n").intValue()).isEqualTo(7);

        RpcException rejected = rpcFailure(() -> this.peers.java().rpc().make("js/reject", 1).get(10, TimeUnit.SECONDS));
        assertThat(rejected.getRpcErrorKind()).isEqualTo(RpcErrorKind.NO_RPC_PROVIDER);
        RpcException failed = rpcFailure(() -> this.peers.java().rpc().make("js/error", 1).get(10, TimeUnit.SECONDS));
        assertThat(failed.getRpcErrorKind()).isEqualTo(RpcErrorKind.PROVIDER_ERROR);
        assertThat(failed.getErrorData().asString()).isEqualTo("js provider failed");
    }

    @Test
    void javaScriptCallsJavaProvidersIncludingRejectAndError() throws Exception {
        this.peers.connect();
        this.peers.java().rpc().provide("java/add", (request, response) -> {
            JsonNode numbers = request.data();
            response.send(numbers.get("a").intValue() + numbers.get("b").intValue());
        }).whenProvided().get(10, TimeUnit.SECONDS);
        this.peers.java().rpc().provide("java/reject", (request, response) -> response.reject()).whenProvided().get(10,
                TimeUnit.SECONDS);
        this.peers.java().rpc().provide("java/error", (request, response) -> response.error("java provider failed"))
            .whenProvided().get(10, TimeUnit.SECONDS);

        assertThat(this.peers.js().call("make", Map.of("name", "java/add", "data", Map.of("a", 2, "b", 3))).intValue())
            .isEqualTo(5);
        assertThatThrownBy(() -> this.peers.js().call("make", Map.of("name", "java/reject", "data", 1)))
            .hasMessageContaining("NO_RPC_PROVIDER");
        assertThatThrownBy(() -> this.peers.js().call("make", Map.of("name", "java/error", "data", 1)))
            .hasMessageContaining("java provider failed");
    }

    @Test
    void presenceOfEachClientIsSeenByTheOther() throws Exception {
        DeepstreamClient watcher = DeepstreamClient.create(this.peers.javaUrl(), this.peers.options());
        this.peers.java(watcher);
        watcher.login(Map.of("username", "java-watcher")).get(10, TimeUnit.SECONDS);
        List<String> seenByJava = new CopyOnWriteArrayList<>();
        this.peers.java().presence().subscribe((user, online) -> seenByJava.add(user + (online ? "+" : "-")));
        await().until(() -> this.peers.java().getStatistics().getMessagesReceived(
                io.github.deepstreamspringboot.client.Topic.PRESENCE) >= 1);

        this.peers.connectJs("js-user");
        await().atMost(WAIT).until(() -> seenByJava.contains("js-user+"));
        assertThat(this.peers.java().presence().getAll().get(10, TimeUnit.SECONDS)).contains("js-user");
        assertThat(this.peers.js().call("presenceGetAll", Map.of()).toString()).contains("java-watcher");

        this.peers.js().call("presenceSubscribe", Map.of());
        // the JavaScript client batches its subscription and tells nobody when it is active: log a Java user in
        // (afresh each poll, since only a user's first connection is announced) until the JS client sees one
        List<DeepstreamClient> late = new CopyOnWriteArrayList<>();
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (jsSawOnline("java-late")) {
                    return true;
                }
                late.forEach(DeepstreamClient::close);
                DeepstreamClient client = DeepstreamClient.create(this.peers.javaUrl(), this.peers.options());
                late.add(client);
                client.login(Map.of("username", "java-late")).get(10, TimeUnit.SECONDS);
                return false;
            });
        }
        finally {
            late.forEach(DeepstreamClient::close);
        }
        this.peers.closeJs();
        await().atMost(WAIT).until(() -> seenByJava.contains("js-user-"));
    }

    private boolean jsSawOnline(String user) {
        return this.peers.js().notifications().stream()
            .anyMatch((n) -> n.get("notification").asString().equals("presence")
                    && n.get("user").asString().equals(user) && n.get("online").asBoolean());
    }

    private static RpcException rpcFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).hasCauseInstanceOf(RpcException.class);
        return (RpcException) thrown.getCause();
    }

}
