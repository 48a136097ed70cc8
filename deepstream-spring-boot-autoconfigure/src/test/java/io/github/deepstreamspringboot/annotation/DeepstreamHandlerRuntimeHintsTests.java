package io.github.deepstreamspringboot.annotation;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AOT hints of annotated handler methods, as Spring's AOT processing registers them for a bean: the methods are
 * invocable, and their payload and result types (generic arguments and futures unwrapped) can be bound by Jackson.
 */
class DeepstreamHandlerRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

    DeepstreamHandlerRuntimeHintsTests() {
        new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Handlers.class);
    }

    @Test
    void annotatedMethodsAreInvocable() {
        assertThat(this.reflection.onMethodInvocation(Handlers.class, "onOrder")).accepts(this.hints);
        assertThat(this.reflection.onMethodInvocation(Handlers.class, "quote")).accepts(this.hints);
        assertThat(this.reflection.onMethodInvocation(Handlers.class, "ping")).accepts(this.hints);
        assertThat(this.reflection.onMethodInvocation(Handlers.class, "notAHandler")).rejects(this.hints);
    }

    @Test
    void payloadAndResultTypesCanBeBound() {
        // an event's payload
        assertThat(this.reflection.onType(Order.class)).accepts(this.hints);
        assertThat(this.reflection.onMethodInvocation(Order.class, "id")).accepts(this.hints);
        // a request's payload inside a generic type, and a result inside a future
        assertThat(this.reflection.onType(Item.class)).accepts(this.hints);
        assertThat(this.reflection.onMethodInvocation(Item.class, "sku")).accepts(this.hints);
        assertThat(this.reflection.onType(Quote.class)).accepts(this.hints);
        assertThat(this.reflection.onMethodInvocation(Quote.class, "total")).accepts(this.hints);
        assertThat(this.reflection.onType(Unrelated.class)).rejects(this.hints);
    }

    record Order(String id, int quantity) {
    }

    record Item(String sku) {
    }

    record Quote(long total) {
    }

    record Unrelated(String value) {
    }

    static class Handlers {

        @DeepstreamEventListener("orders")
        void onOrder(Order order) {
        }

        @DeepstreamRpcProvider("quote")
        CompletableFuture<Quote> quote(List<Item> items, String name) {
            return CompletableFuture.completedFuture(new Quote(items.size()));
        }

        @DeepstreamRpcProvider("ping")
        String ping() {
            return "pong";
        }

        Unrelated notAHandler(Unrelated value) {
            return value;
        }

    }

}
