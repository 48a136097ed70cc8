package io.github.deepstreamspringboot.annotation;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.internal.Payloads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which payloads an annotated method has bound by the client straight from the JSON text, and which it converts from
 * the tree as it always did.
 */
class DeepstreamHandlerMethodTests {

    record Order(String id) {
    }

    static class Handlers {

        Object received;

        void order(Order order) {
            this.received = order;
        }

        void orders(List<Order> orders) {
            this.received = orders;
        }

        void text(String text) {
        }

        void anything(Object value) {
            this.received = value;
        }

        void count(int count) {
        }

        void tree(JsonNode tree) {
        }

        void nothing() {
        }

    }

    private final Handlers handlers = new Handlers();

    private DeepstreamHandlerMethod handler(String name) {
        Method method = Arrays.stream(Handlers.class.getDeclaredMethods())
            .filter((candidate) -> candidate.getName().equals(name))
            .findFirst()
            .orElseThrow();
        return new DeepstreamHandlerMethod(DeepstreamHandlerMethod.Kind.EVENT_LISTENER, "n", this.handlers, method);
    }

    @Test
    void aPlainClassIsBoundByTheClientEverythingElseComesAsATree() {
        assertThat(handler("order").payloadClass()).isEqualTo(Order.class);
        // generic types, String's "any payload as text", supertypes of JsonNode, primitives: converted from the tree
        assertThat(handler("orders").payloadClass()).isEqualTo(JsonNode.class);
        assertThat(handler("text").payloadClass()).isEqualTo(JsonNode.class);
        assertThat(handler("anything").payloadClass()).isEqualTo(JsonNode.class);
        assertThat(handler("count").payloadClass()).isEqualTo(JsonNode.class);
        assertThat(handler("tree").payloadClass()).isEqualTo(JsonNode.class);
        assertThat(handler("nothing").payloadClass()).isEqualTo(JsonNode.class);
    }

    @Test
    void theTreeIsConvertedForTheParameterAndABoundValuePassedAsItIs() throws Exception {
        JsonMapper mapper = JsonMapper.builder().build();
        Payloads payloads = new Payloads(mapper);
        JsonNode tree = mapper.readTree("{\"id\":\"o-1\"}");
        handler("anything").invoke(tree, payloads);
        assertThat(this.handlers.received).isSameAs(tree);
        handler("orders").invoke(mapper.readTree("[{\"id\":\"a\"}]"), payloads);
        assertThat(this.handlers.received).isEqualTo(List.of(new Order("a")));
        Order bound = new Order("o-2");
        handler("order").invoke(bound, payloads);
        assertThat(this.handlers.received).isSameAs(bound);
    }

}
