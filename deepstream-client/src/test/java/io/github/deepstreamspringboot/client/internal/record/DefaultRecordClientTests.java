package io.github.deepstreamspringboot.client.internal.record;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.internal.connection.ScriptedConnection;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.RecordAction;
import io.github.deepstreamspringboot.client.record.Record;
import io.github.deepstreamspringboot.client.record.RecordClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link RecordClient}: versions of writes, one subscription per name, writes before ready, refused
 * writes and bulk re-subscription.
 */
class DefaultRecordClientTests {

    private final ScriptedConnection server = new ScriptedConnection(DeepstreamOptions.builder()
        .requestTimeout(Duration.ofSeconds(5)).build());

    private final RecordClient records = new DefaultRecordClient(this.server.context());

    DefaultRecordClientTests() {
        this.server.start();
    }

    private List<Message> sent(RecordAction action) {
        return this.server.sent().stream().filter(action::matches).toList();
    }

    private Record loaded(String name, int version, String data) {
        Record record = this.records.getRecord(name);
        this.server.runPending();
        this.server.receive("{\"topic\":5,\"action\":4,\"name\":\"" + name + "\",\"version\":" + version
                + ",\"parsedData\":" + data + "}");
        return record;
    }

    @Test
    void aTriggerNowSubscriptionMadeBeforeTheRecordIsReadyGetsTheLoadedValueOnce() {
        Record record = this.records.getRecord("early");
        List<String> whole = new java.util.ArrayList<>();
        List<String> atPath = new java.util.ArrayList<>();
        record.subscribe(null, (value) -> whole.add(String.valueOf(value)), true);
        record.subscribe("a", (value) -> atPath.add(String.valueOf(value)), true);
        this.server.runPending();
        this.server.receive("{\"topic\":5,\"action\":4,\"name\":\"early\",\"version\":3,\"parsedData\":{\"a\":1}}");
        this.server.runPending();
        assertThat(whole).containsExactly("{\"a\":1}");
        assertThat(atPath).containsExactly("1");

        this.server.receive("{\"topic\":5,\"action\":19,\"name\":\"early\",\"version\":4,\"path\":\"a\","
                + "\"parsedData\":2}");
        this.server.runPending();
        assertThat(whole).containsExactly("{\"a\":1}", "{\"a\":2}");
        assertThat(atPath).containsExactly("1", "2");
    }

    @Test
    void handlesOfOneNameShareOneSubscriptionWithTheNamesArray() {
        this.records.getRecord("r");
        this.records.getRecord("r");
        this.server.runPending();
        assertThat(sent(RecordAction.SUBSCRIBECREATEANDREAD)).singleElement()
            .satisfies((message) -> assertThat(message.names()).containsExactly("r"));
    }

    @Test
    void oneWriteIsInFlightPerRecordAndChangesMadeMeanwhileGoOutAsOneWrite() {
        Record record = loaded("r", 7, "{}");
        record.set("a", 1);
        record.set("b", 2);
        record.set("c", 3);
        this.server.runPending();
        Message first = sent(RecordAction.PATCH).get(0);
        assertThat(first.version()).isEqualTo(8);
        assertThat(first.writeAck()).isTrue();
        assertThat(sent(RecordAction.PATCH)).hasSize(1);
        assertThat(sent(RecordAction.UPDATE)).isEmpty();
        this.server.receive("{\"topic\":5,\"action\":14,\"name\":\"r\",\"correlationId\":\"" + first.correlationId()
                + "\",\"isWriteAck\":true}");
        assertThat(sent(RecordAction.UPDATE)).singleElement().satisfies((update) -> {
            assertThat(update.version()).isEqualTo(9);
            assertThat(update.payload().toString()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
        });
    }

    @Test
    void writesBeforeTheDataArrivesAreAppliedOnTopOfItAfterwards() {
        Record record = this.records.getRecord("r");
        record.set("local", true);
        this.server.runPending();
        assertThat(sent(RecordAction.PATCH)).isEmpty();
        this.server.receive("{\"topic\":5,\"action\":4,\"name\":\"r\",\"version\":3,\"parsedData\":{\"remote\":1}}");
        assertThat(record.get().toString()).isEqualTo("{\"remote\":1,\"local\":true}");
        assertThat(sent(RecordAction.PATCH)).extracting(Message::version).containsExactly(4);
    }

    @Test
    void refusedWriteRevertsToTheServersDataAndNeverBuildsOnTheRefusedVersion() {
        Record record = loaded("locked", 2, "{\"a\":1}");
        record.set("a", 2);
        record.set("b", 2);
        this.server.runPending();
        String correlationId = sent(RecordAction.PATCH).get(0).correlationId();
        this.server.receive("{\"topic\":5,\"action\":115,\"originalAction\":19,\"name\":\"locked\",\"isError\":true,"
                + "\"correlationId\":\"" + correlationId + "\",\"isWriteAck\":true}");
        assertThat(sent(RecordAction.READ)).extracting(Message::name).containsExactly("locked");
        this.server.receive("{\"topic\":5,\"action\":4,\"name\":\"locked\",\"version\":2,\"parsedData\":{\"a\":1}}");
        assertThat(record.get().toString()).isEqualTo("{\"a\":1}");
        assertThat(record.version()).isEqualTo(2);
        record.set("c", 3);
        this.server.runPending();
        // every write carried the server's version + 1: 3, never 4
        assertThat(this.server.sent()).filteredOn((message) -> message.version() != null)
            .extracting(Message::version).containsOnly(3);
    }

    @Test
    void afterAReconnectOpenRecordsAreSubscribedAgainInOneMessage() {
        loaded("a", 1, "{}");
        loaded("b", 4, "{}");
        this.server.reconnect();
        assertThat(sent(RecordAction.SUBSCRIBEANDHEAD)).singleElement()
            .satisfies((message) -> assertThat(message.names()).containsExactly("a", "b"));
        this.server.receive("{\"topic\":5,\"action\":8,\"versions\":{\"a\":1,\"b\":5}}");
        assertThat(sent(RecordAction.READ)).extracting(Message::name).containsExactly("b");
    }

    @Test
    void deleteWhileOfflineFailsAtOnce() {
        Record record = loaded("r", 1, "{}");
        this.server.lose();
        java.util.concurrent.CompletableFuture<Void> delete = record.delete();
        this.server.runPending();
        assertThat(delete).isCompletedExceptionally();
    }

    @Test
    void aDiscardedRecordStaysSubscribedForTheDiscardTimeoutAndGettingItAgainKeepsIt() {
        ScriptedConnection lingering = new ScriptedConnection(DeepstreamOptions.builder()
            .recordDiscardTimeout(Duration.ofSeconds(5)).build());
        RecordClient client = new DefaultRecordClient(lingering.context());
        lingering.start();
        Record first = client.getRecord("r");
        lingering.runPending();
        lingering.receive("{\"topic\":5,\"action\":4,\"name\":\"r\",\"version\":1,\"parsedData\":{\"a\":1}}");
        first.discard();
        lingering.advance(Duration.ofSeconds(4));
        Record again = client.getRecord("r");
        lingering.runPending();
        assertThat(again.whenReady()).isCompleted();
        assertThat(again.get().toString()).isEqualTo("{\"a\":1}");
        lingering.advance(Duration.ofSeconds(10));
        assertThat(lingering.sent().stream().filter(RecordAction.UNSUBSCRIBE::matches)).isEmpty();
        assertThat(lingering.sent().stream().filter(RecordAction.SUBSCRIBECREATEANDREAD::matches)).hasSize(1);

        again.discard();
        lingering.advance(Duration.ofSeconds(4));
        assertThat(lingering.sent().stream().filter(RecordAction.UNSUBSCRIBE::matches)).isEmpty();
        assertThat(client.openRecords()).isOne();
        lingering.advance(Duration.ofSeconds(1));
        assertThat(lingering.sent().stream().filter(RecordAction.UNSUBSCRIBE::matches)).singleElement()
            .satisfies((message) -> assertThat(message.names()).containsExactly("r"));
        assertThat(client.openRecords()).isZero();
    }

    @Test
    void setDataOnAHeldRecordGoesThroughItsVersionsAndEraseDataIsAPlainErase() {
        Record record = loaded("held", 4, "{\"a\":1}");
        List<String> seen = new java.util.ArrayList<>();
        record.subscribe((value) -> seen.add(value.toString()));
        this.records.setData("held", "b", 2);
        this.records.eraseData("other", "x.y");
        this.records.setData("other", "x", null);
        this.server.runPending();
        assertThat(record.get().toString()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(seen).containsExactly("{\"a\":1,\"b\":2}");
        assertThat(sent(RecordAction.PATCH)).singleElement().satisfies((patch) -> {
            assertThat(patch.name()).isEqualTo("held");
            assertThat(patch.version()).isEqualTo(5);
        });
        assertThat(sent(RecordAction.CREATEANDPATCH)).singleElement().satisfies((write) -> {
            assertThat(write.name()).isEqualTo("other");
            assertThat(write.payload().isNull()).isTrue();
        });
        assertThat(sent(RecordAction.ERASE)).singleElement().satisfies((erase) -> {
            assertThat(erase.name()).isEqualTo("other");
            assertThat(erase.path()).isEqualTo("x.y");
            assertThat(erase.version()).isEqualTo(-1);
        });
    }

}
