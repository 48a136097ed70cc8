package io.github.deepstreamspringboot.interop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.EachWireProtocolAndTransport;
import io.github.deepstreamspringboot.client.TcpProxy;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.client.record.MergeStrategy;
import io.github.deepstreamspringboot.client.record.Record;
import io.github.deepstreamspringboot.client.record.RecordList;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records and lists shared by the Java client (on the binary and on the JSON endpoint) and the official JavaScript
 * client 7.0.5 (binary) on one real server.
 */
@EachWireProtocolAndTransport
class JsRecordInteropIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    @RegisterExtension
    final JsInteropPeers peers;

    JsRecordInteropIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.peers = new JsInteropPeers(server, protocol, transport);
    }

    private JsonNode jsRecord(String name) {
        return this.peers.js().call("recordGet", Map.of("name", name));
    }

    @Test
    void recordWritesIncludingPathsAndErasesFlowBothWays() throws Exception {
        this.peers.connect();
        String name = "shared/" + System.nanoTime();
        Record record = this.peers.java().record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
        this.peers.js().call("recordSubscribe", Map.of("name", name));

        record.setWithAck(Map.of("title", "from java", "tags", List.of("a"))).get(10, TimeUnit.SECONDS);
        record.setWithAck("nested.n", 1).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> jsRecord(name).get("version").intValue() == 2);
        assertThat(jsRecord(name).get("data")).isEqualTo(record.get());

        this.peers.js().call("recordSet", Map.of("name", name, "path", "tags[1]", "data", "b"));
        this.peers.js().call("recordSet", Map.of("name", name, "path", "fromJs", "data", Map.of("ok", true)));
        this.peers.js().call("recordErase", Map.of("name", name, "path", "nested"));
        await().atMost(WAIT).until(() -> record.version() == 5);
        assertThat(record.get("tags[1]").asString()).isEqualTo("b");
        assertThat(record.get("fromJs.ok").booleanValue()).isTrue();
        assertThat(record.get("nested")).isNull();
        assertThat(jsRecord(name).get("data")).isEqualTo(record.get());
    }

    @Test
    void listsEditedFromBothSides() throws Exception {
        this.peers.connect();
        String name = "list/" + System.nanoTime();
        RecordList list = this.peers.java().record().getList(name).whenReady().get(10, TimeUnit.SECONDS);
        list.addEntry("java-1").get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> this.peers.js().call("listEntries", Map.of("name", name)).toString()
            .equals("[\"java-1\"]"));
        this.peers.js().call("listAdd", Map.of("name", name, "entry", "js-1"));
        await().atMost(WAIT).until(() -> list.getEntries().equals(List.of("java-1", "js-1")));
        list.addEntry("java-2").get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> this.peers.js().call("listEntries", Map.of("name", name)).size() == 3);
    }

    @Test
    void concurrentJavaAndJavaScriptWritesConvergeUnderBothStrategies() throws Exception {
        for (MergeStrategy strategy : List.of(MergeStrategy.REMOTE_WINS, MergeStrategy.LOCAL_WINS)) {
            try (TcpProxy proxy = new TcpProxy(server.server().port())) {
                this.peers.connect("ws://127.0.0.1:" + proxy.port(),
                        DeepstreamOptions.builder().mergeStrategy(strategy).build(), "java", "js");
                String name = "race/" + System.nanoTime();
                Record record = this.peers.java().record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
                this.peers.js().call("recordSubscribe", Map.of("name", name));
                // the Java client's write and the JavaScript client's update are held back: both write version 1
                proxy.freeze();
                this.peers.js().call("recordSet", Map.of("name", name, "data", Map.of("owner", "js")));
                CompletableFuture<Void> javaWrite = record.setWithAck(Map.of("owner", "java"));
                proxy.thaw();
                await().atMost(WAIT).until(javaWrite::isDone);
                String winner = (strategy == MergeStrategy.REMOTE_WINS) ? "js" : "java";
                await().atMost(WAIT).until(() -> {
                    JsonNode seenByJs = jsRecord(name);
                    return seenByJs.get("data").equals(record.get())
                            && seenByJs.get("version").intValue() == record.version()
                            && record.get("owner").asString().equals(winner);
                });
            }
        }
    }

}
