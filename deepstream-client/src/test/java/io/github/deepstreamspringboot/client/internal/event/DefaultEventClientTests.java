package io.github.deepstreamspringboot.client.internal.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.event.EventClient;
import io.github.deepstreamspringboot.client.event.EventSubscription;
import io.github.deepstreamspringboot.client.internal.connection.ScriptedConnection;
import io.github.deepstreamspringboot.client.internal.protocol.EventAction;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.listen.ListenHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link EventClient}: dispatch, one server subscription per name, bulk re-subscription before queued
 * emits, acknowledgements and refusals.
 */
class DefaultEventClientTests {

    private final ScriptedConnection server = new ScriptedConnection(DeepstreamOptions.builder()
        .requestTimeout(Duration.ofSeconds(5)).build());

    private final EventClient events = new DefaultEventClient(this.server.context());

    DefaultEventClientTests() {
        this.server.start();
    }

    private List<Message> sent(EventAction action) {
        return this.server.sent().stream().filter(action::matches).toList();
    }

    @Test
    void handlersOfOneNameShareOneServerSubscriptionAndEachGetsTheEvents() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        this.events.subscribe("news", String.class, first::add);
        this.events.subscribe("news", String.class, second::add);
        this.server.runPending();
        assertThat(sent(EventAction.SUBSCRIBE)).singleElement()
            .satisfies((message) -> assertThat(message.names()).containsExactly("news"));
        this.server.receive("{\"topic\":4,\"action\":2,\"name\":\"news\",\"data\":\"\\\"hello\\\"\"}");
        assertThat(first).containsExactly("hello");
        assertThat(second).containsExactly("hello");
    }

    @Test
    void anEmitReachesTheEmittersOwnHandlersOnceWhenSentOrQueuedAndNeverWhenRefused() {
        ScriptedConnection small = new ScriptedConnection(DeepstreamOptions.builder().offlineQueueMaxSize(1).build());
        small.start();
        EventClient events = new DefaultEventClient(small.context());
        List<String> own = new ArrayList<>();
        events.subscribe("news", String.class, own::add);
        small.runPending();

        events.emit("news", "sent");
        small.runPending();
        assertThat(own).containsExactly("sent");

        small.lose();
        events.emit("news", "queued");
        events.emit("news", "refused");
        small.runPending();
        assertThat(own).containsExactly("sent", "queued");

        small.reconnect();
        assertThat(own).as("the queued emit is not delivered again when it is sent").containsExactly("sent",
                "queued");
        events.emit("other", "nobody listens");
        small.runPending();
        assertThat(own).hasSize(2);
    }

    @Test
    void onlyTheLastHandlerUnsubscribesOnTheServer() {
        EventSubscription first = this.events.subscribe("news", (data) -> {
        });
        EventSubscription second = this.events.subscribe("news", (data) -> {
        });
        this.server.runPending();
        first.close();
        this.server.runPending();
        assertThat(sent(EventAction.UNSUBSCRIBE)).isEmpty();
        second.close();
        this.server.runPending();
        assertThat(sent(EventAction.UNSUBSCRIBE)).singleElement()
            .satisfies((message) -> assertThat(message.names()).containsExactly("news"));
    }

    @Test
    void afterAReconnectEverySubscriptionIsRestoredInOneMessageBeforeQueuedEmits() {
        this.events.subscribe("a", (data) -> {
        });
        this.events.subscribe("b", (data) -> {
        });
        this.events.listen("^p/.*", (name) -> true);
        this.server.runPending();
        this.server.lose();
        this.events.emit("a", 1);
        this.events.subscribe("c", (data) -> {
        });
        this.server.runPending();
        this.server.connectAndLogIn();

        List<Message> sent = this.server.sent();
        assertThat(sent).extracting(Message::action).containsExactly(EventAction.SUBSCRIBE.code(),
                EventAction.LISTEN.code(), EventAction.EMIT.code());
        assertThat(sent.get(0).names()).containsExactly("a", "b", "c");
        assertThat(sent.get(1).name()).isEqualTo("^p/.*");
    }

    @Test
    void acknowledgementCompletesEveryHandlerOfTheBulk() {
        EventSubscription a = this.events.subscribe("a", (data) -> {
        });
        this.server.runPending();
        String correlationId = sent(EventAction.SUBSCRIBE).get(0).correlationId();
        assertThat(a.whenSubscribed()).isNotDone();
        this.server.receive("{\"topic\":4,\"action\":3,\"correlationId\":\"" + correlationId + "\"}");
        assertThat(a.whenSubscribed()).isCompleted();
        EventSubscription again = this.events.subscribe("a", (data) -> {
        });
        this.server.runPending();
        assertThat(again.whenSubscribed()).isCompleted();
    }

    @Test
    void unansweredSubscriptionFailsAtTheRequestTimeout() {
        EventSubscription a = this.events.subscribe("a", (data) -> {
        });
        this.server.advance(Duration.ofSeconds(5).minusMillis(1));
        assertThat(a.whenSubscribed()).isNotDone();
        this.server.advance(Duration.ofMillis(1));
        assertThat(a.whenSubscribed()).isCompletedExceptionally();
        assertThat(this.server.errors()).extracting(DeepstreamError::kind).contains(ErrorKind.ACK_TIMEOUT);
    }

    @Test
    void refusedSubscriptionFailsItsFutureAndIsForgotten() {
        EventSubscription secret = this.events.subscribe("secret/x", (data) -> {
        });
        this.server.runPending();
        this.server.receive("{\"topic\":4,\"action\":104,\"originalAction\":3,\"name\":\"secret/x\",\"isError\":true}");
        assertThat(secret.whenSubscribed()).isCompletedExceptionally();
        assertThat(this.server.errors()).singleElement().satisfies((error) -> {
            assertThat(error.kind()).isEqualTo(ErrorKind.MESSAGE_DENIED);
            assertThat(error.name()).isEqualTo("secret/x");
        });
        this.server.reconnect();
        assertThat(sent(EventAction.SUBSCRIBE)).isEmpty();
    }

    @Test
    void listenerAnswersMatchesAndIsToldWhenTheyEnd() {
        List<String> removed = new ArrayList<>();
        this.events.listen("^p/.*", new ListenHandler() {

            @Override
            public boolean onSubscriptionFound(String name) {
                return name.endsWith("yes");
            }

            @Override
            public void onSubscriptionRemoved(String name) {
                removed.add(name);
            }

        });
        this.server.runPending();
        this.server.receive("{\"topic\":4,\"action\":11,\"name\":\"^p/.*\",\"subscription\":\"p/yes\"}");
        this.server.receive("{\"topic\":4,\"action\":11,\"name\":\"^p/.*\",\"subscription\":\"p/no\"}");
        this.server.receive("{\"topic\":4,\"action\":12,\"name\":\"^p/.*\",\"subscription\":\"p/yes\"}");
        assertThat(sent(EventAction.LISTEN_ACCEPT)).extracting(Message::subscription).containsExactly("p/yes");
        assertThat(sent(EventAction.LISTEN_REJECT)).extracting(Message::subscription).containsExactly("p/no");
        assertThat(removed).containsExactly("p/yes");
        this.events.unlisten("^p/.*");
        this.server.runPending();
        assertThat(sent(EventAction.UNLISTEN)).extracting(Message::name).containsExactly("^p/.*");
    }

}
