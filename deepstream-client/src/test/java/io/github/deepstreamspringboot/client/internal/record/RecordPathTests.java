package io.github.deepstreamspringboot.client.internal.record;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RecordPath}, with paths as deepstream writes them.
 */
class RecordPathTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    private JsonNode json(String text) {
        return this.mapper.readTree(text);
    }

    @Test
    void readsKeysAndIndexes() {
        JsonNode data = json("{\"a\":{\"list\":[{\"x\":1},{\"x\":2}]},\"tags\":[\"a\",\"b\"]}");
        assertThat(RecordPath.parse("a.list[1].x").get(data).intValue()).isEqualTo(2);
        assertThat(RecordPath.parse("tags[1]").get(data).stringValue()).isEqualTo("b");
        assertThat(RecordPath.parse("a.missing.x").get(data)).isNull();
        assertThat(RecordPath.parse("tags[9]").get(data)).isNull();
    }

    @Test
    void setCreatesMissingNodesAsTheServerDoesAndNeverChangesTheOriginal() {
        JsonNode original = json("{\"a\":1}");
        JsonNode changed = RecordPath.parse("b.list[2].x").set(original, IntNode.valueOf(5));
        assertThat(changed).isEqualTo(json("{\"a\":1,\"b\":{\"list\":[null,null,{\"x\":5}]}}"));
        assertThat(original).isEqualTo(json("{\"a\":1}"));
        assertThat(RecordPath.parse("tags[1]").set(json("{\"tags\":[\"a\"]}"), json("\"b\"")))
            .isEqualTo(json("{\"tags\":[\"a\",\"b\"]}"));
    }

    @Test
    void eraseRemovesKeysAndNullsArrayElements() {
        JsonNode data = json("{\"a\":{\"b\":1,\"c\":2},\"l\":[1,2]}");
        assertThat(RecordPath.parse("a.b").erase(data)).isEqualTo(json("{\"a\":{\"c\":2},\"l\":[1,2]}"));
        assertThat(RecordPath.parse("l[0]").erase(data)).isEqualTo(json("{\"a\":{\"b\":1,\"c\":2},\"l\":[null,2]}"));
        assertThat(RecordPath.parse("x.y").erase(data)).isEqualTo(data);
    }

    @Test
    void malformedPathsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> RecordPath.parse(""));
        assertThatIllegalArgumentException().isThrownBy(() -> RecordPath.parse("a[1"));
        assertThatIllegalArgumentException().isThrownBy(() -> RecordPath.parse("a[x]"));
        assertThatIllegalArgumentException().isThrownBy(() -> RecordPath.parse("a..b"));
    }

}
