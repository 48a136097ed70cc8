package io.github.deepstreamspringboot.client.record;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.EachWireProtocolAndTransport;
import io.github.deepstreamspringboot.client.TcpProxy;
import io.github.deepstreamspringboot.client.TestClients;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Records and lists between Java clients on a real deepstream server.
 */
@EachWireProtocolAndTransport
class RecordsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder()
        .permissions(Map.of("presence", Map.of("*", Map.of("allow", true)),
                "record", Map.of("*", Map.of("create", true, "write", true, "read", true, "delete", true,
                        "listen", true, "notify", true),
                        "readonly/*", Map.of("create", true, "write", "user.id === 'owner'", "read", true,
                                "delete", true, "listen", true, "notify", true)),
                "event", Map.of("*", Map.of("publish", true, "subscribe", true, "listen", true)),
                "rpc", Map.of("*", Map.of("provide", true, "request", true)))));

    @RegisterExtension
    final TestClients clients;

    RecordsIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.clients = new TestClients(server, protocol, transport);
    }

    private static String unique(String prefix) {
        return prefix + "/" + System.nanoTime();
    }

    record Status(String state, int ticks, List<String> tags) {
    }

    private static Record ready(DeepstreamClient client, String name) throws Exception {
        return client.record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
    }

    @Test
    void writesOfOneClientReachTheOtherWithPathsErasesAndTypes() throws Exception {
        String name = unique("status");
        DeepstreamClient writer = this.clients.loggedIn("writer");
        DeepstreamClient reader = this.clients.loggedIn("reader");
        Record mine = ready(writer, name);
        Record theirs = ready(reader, name);
        List<JsonNode> states = new CopyOnWriteArrayList<>();
        List<JsonNode> ticks = new CopyOnWriteArrayList<>();
        theirs.subscribe(states::add);
        theirs.subscribe("ticks", ticks::add, false);

        mine.setWithAck(new Status("up", 1, List.of("a"))).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> theirs.get(Status.class).equals(new Status("up", 1, List.of("a"))));
        mine.setWithAck("ticks", 2).get(10, TimeUnit.SECONDS);
        mine.setWithAck("tags[1]", "b").get(10, TimeUnit.SECONDS);
        mine.setWithAck("nested.deep.x", true).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> theirs.version() == mine.version() && theirs.get().equals(mine.get()));
        assertThat(theirs.get("tags[1]", String.class)).isEqualTo("b");
        assertThat(theirs.get("nested.deep.x").booleanValue()).isTrue();
        mine.eraseWithAck("nested").get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> theirs.get("nested") == null);
        assertThat(theirs.version()).isEqualTo(mine.version()).isEqualTo(5);
        assertThat(ticks).extracting(JsonNode::intValue).containsExactly(1, 2);

        mine.set("ticks", 2);
        await().pollDelay(Duration.ZERO).until(() -> mine.version() == 5);
    }

    @Test
    void conflictingWritesFromTwoClientsConvergeUnderBothStrategies() throws Exception {
        for (MergeStrategy strategy : List.of(MergeStrategy.REMOTE_WINS, MergeStrategy.LOCAL_WINS)) {
            String name = unique("race");
            try (TcpProxy proxy = new TcpProxy(server.server().port())) {
                DeepstreamOptions options = DeepstreamOptions.builder().mergeStrategy(strategy).build();
                DeepstreamClient a = this.clients.loggedIn("a", options);
                DeepstreamClient b = this.clients.loggedIn("ws://127.0.0.1:" + proxy.port(), "b", options);
                Record recordA = ready(a, name);
                Record recordB = ready(b, name);
                // b's write and a's update are held back, so both clients write version 1 and a's reaches the
                // server first: a real conflict, every time
                proxy.freeze();
                recordA.setWithAck(Map.of("owner", "a")).get(10, TimeUnit.SECONDS);
                CompletableFuture<Void> writeB = recordB.setWithAck(Map.of("owner", "b"));
                proxy.thaw();
                await().atMost(WAIT).until(writeB::isDone);
                String winner = (strategy == MergeStrategy.REMOTE_WINS) ? "a" : "b";
                await().atMost(WAIT).until(() -> recordA.version() == recordB.version()
                        && recordA.get().equals(recordB.get()) && recordA.get("owner").asString().equals(winner));
                assertThat(writeB.isCompletedExceptionally()).isEqualTo(strategy == MergeStrategy.REMOTE_WINS);
                JsonNode onServer = a.record().snapshot(name).get(10, TimeUnit.SECONDS);
                assertThat(onServer).isEqualTo(recordA.get());
                assertThat(a.record().head(name).get(10, TimeUnit.SECONDS)).isEqualTo(recordA.version());
            }
        }
    }

    @Test
    void refusedWritesRevertAndLeaveTheRecordWritableForOthers() throws Exception {
        String name = "readonly/" + System.nanoTime();
        DeepstreamClient owner = this.clients.loggedIn("owner");
        DeepstreamClient guest = this.clients.loggedIn("guest");
        Record ownerRecord = ready(owner, name);
        Record guestRecord = ready(guest, name);
        ownerRecord.setWithAck(Map.of("v", 1)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> guestRecord.version() == 1);

        // several quick writes the server refuses: each fails, the guest is back at the server's data, and the record
        // stays writable (RecordClientTests checks that no write ever carries more than the server's version + 1)
        List<CompletableFuture<Void>> refused = List.of(guestRecord.setWithAck("v", 2),
                guestRecord.setWithAck("w", 3), guestRecord.setWithAck("x", 4));
        await().atMost(WAIT).until(() -> refused.stream().allMatch(CompletableFuture::isDone));
        assertThat(refused).allMatch(CompletableFuture::isCompletedExceptionally);
        await().atMost(WAIT).until(() -> guestRecord.get().toString().equals("{\"v\":1}"));

        ownerRecord.setWithAck("v", 5).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> guestRecord.get("v").intValue() == 5);
        assertThat(owner.record().snapshot(name).get(10, TimeUnit.SECONDS).get("v").intValue()).isEqualTo(5);
    }

    @Test
    void deleteIsSeenByTheOtherClientAndMakesTheHandlesUnusable() throws Exception {
        String name = unique("doomed");
        DeepstreamClient a = this.clients.loggedIn("a");
        DeepstreamClient b = this.clients.loggedIn("b");
        Record recordA = ready(a, name);
        Record recordB = ready(b, name);
        List<String> deleted = new CopyOnWriteArrayList<>();
        recordB.onDeleted(() -> deleted.add("b"));
        recordA.setWithAck(Map.of("x", 1)).get(10, TimeUnit.SECONDS);
        recordA.delete().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> deleted.contains("b"));
        Throwable failure = catchThrowable(() -> recordB.setWithAck(Map.of("x", 2)).get(10, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(RecordException.class);
        assertThat(((RecordException) failure.getCause()).getReason()).isEqualTo(RecordException.Reason.DESTROYED);
        assertThat(b.record().has(name).get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void missingRecordsReadAsNotFoundAndSetDataCreatesThem() throws Exception {
        String name = unique("missing");
        DeepstreamClient client = this.clients.loggedIn("client");
        Throwable failure = catchThrowable(() -> client.record().snapshot(name).get(10, TimeUnit.SECONDS));
        assertThat(((RecordException) failure.getCause()).getReason()).isEqualTo(RecordException.Reason.NOT_FOUND);
        assertThat(client.record().has(name).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(client.record().head(name).get(10, TimeUnit.SECONDS)).isEqualTo(-1);

        client.record().setDataWithAck(name, Map.of("created", "by setData")).get(10, TimeUnit.SECONDS);
        client.record().setDataWithAck(name, "deep.x", 7).get(10, TimeUnit.SECONDS);
        assertThat(client.record().snapshot(name).get(10, TimeUnit.SECONDS).toString())
            .isEqualTo("{\"created\":\"by setData\",\"deep\":{\"x\":7}}");
        assertThat(client.record().head(name).get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void setDataOnAHeldRecordUpdatesTheHeldCopyItsListenersAndOtherClients() throws Exception {
        String name = unique("held");
        DeepstreamClient writer = this.clients.loggedIn("writer");
        DeepstreamClient reader = this.clients.loggedIn("reader");
        Record mine = ready(writer, name);
        Record theirs = ready(reader, name);
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        mine.subscribe("count", seen::add, false);

        writer.record().setDataWithAck(name, Map.of("count", 1)).get(10, TimeUnit.SECONDS);
        assertThat(mine.get("count").intValue()).isEqualTo(1);
        writer.record().setData(name, "count", 2).get(10, TimeUnit.SECONDS);
        assertThat(mine.get("count").intValue()).isEqualTo(2);
        await().atMost(WAIT).until(() -> theirs.version() == mine.version() && theirs.get().equals(mine.get()));
        assertThat(seen).extracting(JsonNode::intValue).containsExactly(1, 2);

        // the held copy is still in step with the server's versions: its own writes are not conflicts
        mine.setWithAck("count", 3).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> theirs.get("count").intValue() == 3);
        assertThat(writer.record().head(name).get(10, TimeUnit.SECONDS)).isEqualTo(mine.version()).isEqualTo(3);
    }

    @Test
    void eraseDataRemovesAPathWithoutHoldingTheRecord() throws Exception {
        String name = unique("erase");
        DeepstreamClient client = this.clients.loggedIn("client");
        List<io.github.deepstreamspringboot.client.DeepstreamError> errors = new CopyOnWriteArrayList<>();
        client.addErrorListener(errors::add);
        client.record().setDataWithAck(name, Map.of("keep", 1, "drop", Map.of("x", 1))).get(10, TimeUnit.SECONDS);
        client.record().setDataWithAck(name, "nulled", null).get(10, TimeUnit.SECONDS);
        client.record().eraseDataWithAck(name, "drop").get(10, TimeUnit.SECONDS);
        assertThat(client.record().snapshot(name).get(10, TimeUnit.SECONDS).toString())
            .isEqualTo("{\"keep\":1,\"nulled\":null}");

        // on a record that does not exist, deepstream 7.0.2 refuses a plain erase, but creates the record (empty)
        // for an erase that asks for an acknowledgement
        String missing = unique("erase-missing");
        client.record().eraseDataWithAck(missing, "x").get(10, TimeUnit.SECONDS);
        String alsoMissing = unique("erase-missing");
        client.record().eraseData(alsoMissing, "x").get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> errors.stream().anyMatch((error) -> alsoMissing.equals(error.name())
                && error.kind() == io.github.deepstreamspringboot.client.ErrorKind.RECORD_ERROR));
        assertThat(client.record().snapshot(missing).get(10, TimeUnit.SECONDS).toString()).isEqualTo("{}");
        assertThat(client.record().has(alsoMissing).get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aMissingRecordIsAnEmptyOptionalNotAFailure() throws Exception {
        DeepstreamClient client = this.clients.loggedIn("client");
        String missing = unique("order/missing");
        assertThat(client.record().snapshotIfExists(missing).get(10, TimeUnit.SECONDS)).isEmpty();
        String present = unique("order/present");
        client.record().setDataWithAck(present, Map.of("state", "paid")).get(10, TimeUnit.SECONDS);
        assertThat(client.record().snapshotIfExists(present).get(10, TimeUnit.SECONDS))
            .hasValueSatisfying((data) -> assertThat(data.get("state").stringValue()).isEqualTo("paid"));
        // snapshot() itself still fails for a missing record, with the reason to test
        assertThat(client.record().snapshot(missing)).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
            .havingCause().isInstanceOfSatisfying(RecordException.class,
                    (ex) -> assertThat(ex.getReason()).isEqualTo(RecordException.Reason.NOT_FOUND));
    }

    @Test
    void withADiscardTimeoutGettingARecordAgainSoonDoesNotUnsubscribe() throws Exception {
        DeepstreamClient provider = this.clients.loggedIn("provider");
        List<String> removed = new CopyOnWriteArrayList<>();
        provider.record().listen("^linger/.*", new io.github.deepstreamspringboot.client.listen.ListenHandler() {

            @Override
            public boolean onSubscriptionFound(String match) {
                return true;
            }

            @Override
            public void onSubscriptionRemoved(String match) {
                removed.add(match);
            }

        });
        provider.record().head("linger").get(10, TimeUnit.SECONDS);
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofMinutes(5))) {
            String name = unique("linger");
            DeepstreamClient client = this.clients.loggedIn("client",
                    DeepstreamOptions.builder().recordDiscardTimeout(timeout).build());
            Record first = ready(client, name);
            await().atMost(WAIT).until(first::hasProvider);
            first.discard();
            Record again = ready(client, name);
            // after these round trips, whatever the server sent the provider about this record has arrived
            client.record().head(name).get(10, TimeUnit.SECONDS);
            provider.record().head(name).get(10, TimeUnit.SECONDS);
            assertThat(removed.contains(name)).isEqualTo(timeout.isZero());
            // the provider accepts from its handler thread, after its callback returned, so no round trip of ours
            // orders that accept: wait for its effect, the server telling this client that the record has a provider
            await().atMost(WAIT).until(again::hasProvider);
        }
    }

    @Test
    void handlesOfOneNameShareTheRecordAndTheLastDiscardReleasesIt() throws Exception {
        String name = unique("shared");
        DeepstreamClient client = this.clients.loggedIn("client");
        Record first = ready(client, name);
        Record second = ready(client, name);
        assertThat(client.record().openRecords()).isOne();
        first.set(Map.of("v", 1));
        await().until(() -> second.get("v") != null);
        first.discard();
        assertThat(second.get("v").intValue()).isEqualTo(1);
        second.discard();
        await().until(() -> client.record().openRecords() == 0);
    }

    @Test
    void listeningProviderIsToldAboutSubscribersWhoSeeThatTheRecordHasAProvider() throws Exception {
        String name = unique("weather");
        DeepstreamClient provider = this.clients.loggedIn("provider");
        DeepstreamClient subscriber = this.clients.loggedIn("subscriber");
        List<String> found = new CopyOnWriteArrayList<>();
        List<String> removed = new CopyOnWriteArrayList<>();
        provider.record().listen("^weather/.*", new io.github.deepstreamspringboot.client.listen.ListenHandler() {

            @Override
            public boolean onSubscriptionFound(String match) {
                found.add(match);
                return true;
            }

            @Override
            public void onSubscriptionRemoved(String match) {
                removed.add(match);
            }

        });
        // the listen reaches the server before anything the subscriber sends after this round trip
        provider.record().head(name).get(10, TimeUnit.SECONDS);
        Record record = ready(subscriber, name);
        List<Boolean> providerStates = new CopyOnWriteArrayList<>();
        record.onProviderChanged(providerStates::add);
        await().atMost(WAIT).until(() -> found.contains(name) && record.hasProvider());
        provider.record().unlisten("^weather/.*");
        await().atMost(WAIT).until(() -> !record.hasProvider());
        assertThat(providerStates).endsWith(false);
        record.discard();
    }

    @Test
    void anonymousRecordMovesItsSubscriptionsWhenTheNameChanges() throws Exception {
        String first = unique("anon");
        String second = unique("anon");
        DeepstreamClient client = this.clients.loggedIn("client");
        client.record().setDataWithAck(first, Map.of("title", "first")).get(10, TimeUnit.SECONDS);
        client.record().setDataWithAck(second, Map.of("title", "second")).get(10, TimeUnit.SECONDS);
        AnonymousRecord anonymous = client.record().getAnonymousRecord();
        List<String> titles = new CopyOnWriteArrayList<>();
        anonymous.subscribe("title", (value) -> titles.add((value != null) ? value.asString() : null));
        anonymous.setName(first).get(10, TimeUnit.SECONDS);
        await().until(() -> titles.contains("first"));
        anonymous.setName(second).get(10, TimeUnit.SECONDS);
        await().until(() -> titles.contains("second"));
        assertThat(anonymous.name()).isEqualTo(second);
        assertThat(anonymous.get().get("title").asString()).isEqualTo("second");
        // a later change marks the end: each switch delivered the new record's value once, not twice
        DeepstreamClient writer = this.clients.loggedIn("writer");
        writer.record().setDataWithAck(second, "title", "third").get(10, TimeUnit.SECONDS);
        await().until(() -> titles.contains("third"));
        assertThat(titles).containsExactly("first", "second", "third");
        anonymous.close();
    }

    @Test
    void aBurstOfSetsIsCoalescedIntoFewerWritesThatEndInTheFinalState() throws Exception {
        String name = unique("burst");
        DeepstreamClient a = this.clients.loggedIn("a");
        DeepstreamClient b = this.clients.loggedIn("b");
        Record writer = a.record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
        Record watcher = b.record().getRecord(name).whenReady().get(10, TimeUnit.SECONDS);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        watcher.subscribe("n", (value) -> seen.add(value.intValue()), false);
        int sets = 2_000;
        for (int i = 1; i <= sets; i++) {
            writer.set("n", i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains(sets));
        // one write in flight per record: what was set meanwhile goes out as one write, so a peer sees fewer
        // versions than there were sets, in order, ending with the last one (use events when every value matters)
        assertThat(seen).hasSizeLessThan(sets).isSorted().last().isEqualTo(sets);
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.version() == writer.version());
        assertThat(writer.version()).isEqualTo(seen.size());
    }

    @Test
    void listsEditedFromBothSides() throws Exception {
        String name = unique("list");
        DeepstreamClient a = this.clients.loggedIn("a");
        DeepstreamClient b = this.clients.loggedIn("b");
        RecordList listA = a.record().getList(name).whenReady().get(10, TimeUnit.SECONDS);
        RecordList listB = b.record().getList(name).whenReady().get(10, TimeUnit.SECONDS);
        List<String> added = new CopyOnWriteArrayList<>();
        List<String> removed = new CopyOnWriteArrayList<>();
        listB.subscribe(new ListChangeListener() {

            @Override
            public void onEntryAdded(String entry, int index) {
                added.add(entry + "@" + index);
            }

            @Override
            public void onEntryRemoved(String entry, int index) {
                removed.add(entry);
            }

        });
        assertThat(listA.isEmpty()).isTrue();
        listA.addEntry("item1").get(10, TimeUnit.SECONDS);
        listA.addEntry("item2").get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> listB.getEntries().equals(List.of("item1", "item2")));
        listB.addEntry("item0", 0).get(10, TimeUnit.SECONDS);
        listB.removeEntry("item2").get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> listA.getEntries().equals(List.of("item0", "item1")));
        assertThat(added).contains("item1@0", "item2@1", "item0@0");
        assertThat(removed).containsExactly("item2");
    }

}
