package io.github.deepstreamspringboot.client.event;

import io.github.deepstreamspringboot.client.EachWireProtocolAndTransport;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.client.listen.ListenHandler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.TestClients;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events between two Java clients on a real deepstream server.
 */
@EachWireProtocolAndTransport
class EventsIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    @RegisterExtension
    final TestClients clients;

    EventsIntegrationTests(WireProtocol protocol, TransportType transport) {
        this.clients = new TestClients(server, protocol, transport);
    }



    record Order(String id, int quantity, List<String> tags) {
    }

    @Test
    void emittedEventsReachEverySubscribedHandlerTypedOrAsJson() throws Exception {
        DeepstreamClient publisher = this.clients.loggedIn("publisher");
        DeepstreamClient subscriber = this.clients.loggedIn("subscriber");
        List<Order> typed = new CopyOnWriteArrayList<>();
        List<JsonNode> raw = new CopyOnWriteArrayList<>();
        EventSubscription first = subscriber.event().subscribe("orders/created", Order.class, typed::add);
        EventSubscription second = subscriber.event().subscribe("orders/created", raw::add);
        first.whenSubscribed().get(10, TimeUnit.SECONDS);
        second.whenSubscribed().get(10, TimeUnit.SECONDS);

        publisher.event().emit("orders/created", new Order("o-1", 3, List.of("a", "b"))).get(10, TimeUnit.SECONDS);
        publisher.event().emit("orders/created", Map.of("id", "o-2", "quantity", 1, "tags", List.of())).get(10,
                TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> typed.size() == 2 && raw.size() == 2);
        assertThat(typed).containsExactly(new Order("o-1", 3, List.of("a", "b")), new Order("o-2", 1, List.of()));
        assertThat(raw.get(0).get("id").stringValue()).isEqualTo("o-1");
    }

    @Test
    void anEmittersOwnSubscribersGetItsEventOnceAndEveryoneElseToo() throws Exception {
        DeepstreamClient emitter = this.clients.loggedIn("emitter");
        DeepstreamClient other = this.clients.loggedIn("other");
        List<String> own = new CopyOnWriteArrayList<>();
        List<String> theirs = new CopyOnWriteArrayList<>();
        List<String> replies = new CopyOnWriteArrayList<>();
        emitter.event().subscribe("news", String.class, own::add).whenSubscribed().get(10, TimeUnit.SECONDS);
        emitter.event().subscribe("reply", String.class, replies::add).whenSubscribed().get(10, TimeUnit.SECONDS);
        other.event().subscribe("news", String.class, (value) -> {
            theirs.add(value);
            other.event().emit("reply", "got " + value);
        }).whenSubscribed().get(10, TimeUnit.SECONDS);

        emitter.event().emit("news", "first").get(10, TimeUnit.SECONDS);
        // the reply travels through the server after "first" did: by then any echo of "first" would have arrived
        await().atMost(Duration.ofSeconds(10)).until(() -> replies.contains("got first"));
        assertThat(own).containsExactly("first");
        assertThat(theirs).containsExactly("first");
    }

    @Test
    void unsubscribingTheLastHandlerStopsDelivery() throws Exception {
        DeepstreamClient publisher = this.clients.loggedIn("publisher");
        DeepstreamClient subscriber = this.clients.loggedIn("subscriber");
        List<String> received = new CopyOnWriteArrayList<>();
        EventSubscription subscription = subscriber.event().subscribe("news", String.class, received::add);
        EventSubscription marker = subscriber.event().subscribe("marker", String.class, received::add);
        subscription.whenSubscribed().get(10, TimeUnit.SECONDS);
        marker.whenSubscribed().get(10, TimeUnit.SECONDS);
        publisher.event().emit("news", "first");
        await().until(() -> received.contains("first"));

        subscription.unsubscribe().get(10, TimeUnit.SECONDS);
        // events of one publisher arrive in order, so the marker proves that "second" was not delivered
        publisher.event().emit("news", "second");
        publisher.event().emit("marker", "end");
        await().until(() -> received.contains("end"));
        assertThat(received).containsExactly("first", "end");
    }

    @Test
    void payloadThatDoesNotConvertIsReportedAndTheHandlerKeepsWorking() throws Exception {
        DeepstreamClient publisher = this.clients.loggedIn("publisher");
        DeepstreamClient subscriber = this.clients.loggedIn("subscriber");
        List<DeepstreamError> errors = new CopyOnWriteArrayList<>();
        subscriber.addErrorListener(errors::add);
        List<Order> orders = new CopyOnWriteArrayList<>();
        subscriber.event().subscribe("orders", Order.class, orders::add).whenSubscribed().get(10, TimeUnit.SECONDS);

        publisher.event().emit("orders", "not an order");
        publisher.event().emit("orders", new Order("ok", 1, List.of()));

        await().until(() -> orders.size() == 1);
        assertThat(errors).extracting(DeepstreamError::kind).contains(ErrorKind.PAYLOAD_CONVERSION_ERROR);
        assertThat(errors).filteredOn((error) -> error.kind() == ErrorKind.PAYLOAD_CONVERSION_ERROR)
            .extracting(DeepstreamError::name).containsOnly("orders");
    }

    @Test
    void handlerThatBlocksDoesNotStallOtherHandlersOrHeartbeats() throws Exception {
        DeepstreamClient publisher = this.clients.loggedIn("publisher");
        DeepstreamClient subscriber = this.clients.loggedIn("subscriber", io.github.deepstreamspringboot.client.DeepstreamOptions
            .builder().heartbeatInterval(Duration.ofMillis(200)).build());
        java.util.concurrent.atomic.AtomicInteger pongs = new java.util.concurrent.atomic.AtomicInteger();
        subscriber.addHeartbeatListener((roundTrip) -> pongs.incrementAndGet());
        CountDownLatch release = new CountDownLatch(1);
        List<String> fast = new CopyOnWriteArrayList<>();
        subscriber.event().subscribe("slow", (data) -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }).whenSubscribed().get(10, TimeUnit.SECONDS);
        subscriber.event().subscribe("fast", String.class, fast::add).whenSubscribed().get(10, TimeUnit.SECONDS);
        try {
            publisher.event().emit("slow", "block");
            for (int i = 0; i < 5; i++) {
                publisher.event().emit("fast", "f" + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> fast.size() == 5);
            assertThat(fast).containsExactly("f0", "f1", "f2", "f3", "f4");
            int pongsWhileBlocked = pongs.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> pongs.get() >= pongsWhileBlocked + 3);
            assertThat(subscriber.getStatistics().getMissedHeartbeats()).isZero();
        }
        finally {
            release.countDown();
        }
    }

    @Test
    void throwingHandlerIsReportedAndKeepsReceiving() throws Exception {
        DeepstreamClient publisher = this.clients.loggedIn("publisher");
        DeepstreamClient subscriber = this.clients.loggedIn("subscriber");
        List<DeepstreamError> errors = new CopyOnWriteArrayList<>();
        subscriber.addErrorListener(errors::add);
        List<String> seen = new CopyOnWriteArrayList<>();
        subscriber.event().subscribe("boom", String.class, (value) -> {
            seen.add(value);
            if (value.equals("explode")) {
                throw new IllegalStateException("handler bug");
            }
        }).whenSubscribed().get(10, TimeUnit.SECONDS);
        publisher.event().emit("boom", "explode");
        publisher.event().emit("boom", "after");
        await().until(() -> seen.size() == 2);
        assertThat(errors).extracting(DeepstreamError::kind).contains(ErrorKind.HANDLER_ERROR);
    }

    @Test
    void listenerIsToldAboutSubscriptionsAndCanAcceptThem() throws Exception {
        DeepstreamClient provider = this.clients.loggedIn("provider");
        DeepstreamClient subscriber = this.clients.loggedIn("subscriber");
        List<String> found = new CopyOnWriteArrayList<>();
        List<String> removed = new CopyOnWriteArrayList<>();
        provider.event().listen("^prices/.*", new ListenHandler() {

            @Override
            public boolean onSubscriptionFound(String name) {
                found.add(name);
                return true;
            }

            @Override
            public void onSubscriptionRemoved(String name) {
                removed.add(name);
            }

        });
        await().until(() -> provider.getStatistics().getMessagesReceived(
                io.github.deepstreamspringboot.client.Topic.EVENT) >= 1);
        EventSubscription subscription = subscriber.event().subscribe("prices/eur", (data) -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> found.contains("prices/eur"));
        subscription.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> removed.contains("prices/eur"));
    }

}
