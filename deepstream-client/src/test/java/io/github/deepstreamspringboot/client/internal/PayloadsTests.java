package io.github.deepstreamspringboot.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

import io.github.deepstreamspringboot.client.PayloadConversionException;
import io.github.deepstreamspringboot.client.internal.protocol.Payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Payloads without trees on the way: objects written to JSON text at once, JSON text read into the asked type, a tree
 * made once, only when asked for.
 */
class PayloadsTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    private final Payloads payloads = new Payloads(this.mapper);

    record Order(long id, String customer) {
    }

    private static Payload text(String json) {
        return Payload.ofJson(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anObjectIsWrittenToJsonTextWithoutATree() {
        Payload payload = this.payloads.toPayload(new Order(7, "ann"));
        assertThat(payload.hasJson()).isTrue();
        assertThat(payload.treeIfPresent()).isNull();
        assertThat(new String(payload.jsonBytes(), payload.jsonOffset(), payload.jsonLength(), StandardCharsets.UTF_8))
            .isEqualTo(this.mapper.writeValueAsString(new Order(7, "ann")));
    }

    @Test
    void simpleValuesAndTreesStayTreesForTheCodecsHandWriting() {
        assertThat(this.payloads.toPayload("text").treeIfPresent()).isEqualTo(StringNode.valueOf("text"));
        assertThat(this.payloads.toPayload(42).treeIfPresent().intValue()).isEqualTo(42);
        assertThat(this.payloads.toPayload(null).treeIfPresent().isNull()).isTrue();
    }

    @Test
    void jsonTextIsReadIntoTheTypeWithoutATree() {
        Payload payload = text("{\"id\":7,\"customer\":\"ann\"}");
        assertThat(this.payloads.fromPayload(payload, Order.class)).isEqualTo(new Order(7, "ann"));
        assertThat(this.payloads.fromPayload(text("[{\"id\":1,\"customer\":\"a\"}]"), new TypeReference<List<Order>>() { }.getType()))
            .isEqualTo(List.of(new Order(1, "a")));
        assertThat(payload.treeIfPresent()).isNull();
        assertThat(this.payloads.fromPayload(text("null"), Order.class)).isNull();
        assertThat(this.payloads.fromPayload(null, Order.class)).isNull();
    }

    @Test
    void theTreeIsMadeOnceAndSharedByEveryoneWhoAsks() {
        Payload payload = text("{\"id\":7,\"customer\":\"ann\"}");
        JsonNode first = this.payloads.fromPayload(payload, JsonNode.class);
        assertThat(first.path("id").intValue()).isEqualTo(7);
        assertThat(payload.tree()).isSameAs(first);
        assertThat(this.payloads.fromPayload(payload, JsonNode.class)).isSameAs(first);
        // with a tree there, a typed reader reads the tree
        assertThat(this.payloads.fromPayload(payload, Order.class)).isEqualTo(new Order(7, "ann"));
    }

    @Test
    void textThatIsNotJsonIsAStringAsBeforeAndFailsOtherTypesWithTheUsualError() {
        // deepstream relays another client's text unchecked
        assertThat(this.payloads.fromPayload(text("not json"), String.class)).isEqualTo("not json");
        assertThatExceptionOfType(PayloadConversionException.class)
            .isThrownBy(() -> this.payloads.fromPayload(text("not json"), Order.class))
            .withMessageContaining(Order.class.getName());
        assertThatExceptionOfType(PayloadConversionException.class)
            .isThrownBy(() -> this.payloads.fromPayload(text("{\"id\":\"seven\"}"), Order.class));
    }

}
