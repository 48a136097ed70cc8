package io.github.deepstreamspringboot.client.internal.protocol;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;

import io.github.deepstreamspringboot.client.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JsonMessageCodec}, with frames as the deepstream fact sheet records them.
 */
class JsonMessageCodecTests {

    private final JsonMessageCodec codec = new JsonMessageCodec();

    private final JsonMapper mapper = JsonMapper.builder().build();

    private Message decode(String json) throws MessageParseException {
        return this.codec.decode(new Frame.Text(json));
    }

    private String encode(Message message) {
        return ((Frame.Text) this.codec.encode(message)).text();
    }

    @Test
    void payloadIsSentAsJsonTextInData() {
        String frame = encode(Message.builder(AuthAction.REQUEST)
            .payload(this.mapper.readTree("{\"username\":\"userA\"}"))
            .build());
        assertThat(this.mapper.readTree(frame)).isEqualTo(this.mapper.readTree(
                "{\"topic\":3,\"action\":2,\"data\":\"{\\\"username\\\":\\\"userA\\\"}\"}"));
    }

    @Test
    void subscribeStyleMessagesCarryTheNamesArray() {
        String frame = encode(Message.builder(Topic.EVENT, 3).names(List.of("news")).correlationId("0").build());
        assertThat(this.mapper.readTree(frame)).isEqualTo(
                this.mapper.readTree("{\"topic\":4,\"action\":3,\"names\":[\"news\"],\"correlationId\":\"0\"}"));
    }

    @Test
    void parsedDataWinsOverDataEvenWhenFalsy() throws MessageParseException {
        Message message = decode("{\"topic\":5,\"action\":19,\"name\":\"r\",\"path\":\"z0\",\"version\":3,"
                + "\"data\":\"0\",\"parsedData\":0,\"isWriteAck\":false}");
        assertThat(message.payload()).isEqualTo(IntNode.valueOf(0));
        assertThat(message.version()).isEqualTo(3);
        assertThat(message.path()).isEqualTo("z0");
        assertThat(message.writeAck()).isFalse();
    }

    @Test
    void dataIsParsedAndNonJsonDataIsKeptAsText() throws MessageParseException {
        assertThat(decode("{\"topic\":4,\"action\":2,\"name\":\"n\",\"data\":\"{\\\"n\\\":1}\"}").payload()
            .get("n").intValue()).isEqualTo(1);
        assertThat(decode("{\"topic\":4,\"action\":2,\"name\":\"n\",\"data\":\"not json\"}").payload().stringValue())
            .isEqualTo("not json");
        assertThat(decode("{\"topic\":4,\"action\":2,\"name\":\"n\"}").payload()).isNull();
    }

    @Test
    void authSuccessCarriesClientDataInParsedData() throws MessageParseException {
        Message message = decode("{\"topic\":3,\"action\":3,\"parsedData\":{\"favouriteColor\":\"red\"}}");
        assertThat(AuthAction.AUTH_SUCCESSFUL.matches(message)).isTrue();
        assertThat(message.payload().get("favouriteColor").stringValue()).isEqualTo("red");
    }

    @Test
    void errorFieldsAndUnknownStringFieldsAreRead() throws MessageParseException {
        Message message = decode("{\"topic\":4,\"action\":104,\"originalAction\":3,\"name\":\"secret/x\","
                + "\"isError\":true,\"correlationId\":\"1\",\"foo\":\"bar\",\"n\":5}");
        assertThat(message.isError()).isTrue();
        assertThat(message.originalAction()).isEqualTo(3);
        assertThat(message.attributes()).containsExactly(java.util.Map.entry("foo", "bar"));
    }

    @Test
    void leakedStateRegistryTopicsMapToTheirFeature() throws MessageParseException {
        assertThat(decode("{\"topic\":16,\"action\":106,\"name\":\"p\"}").topic()).isEqualTo(Topic.EVENT);
        assertThat(decode("{\"topic\":15,\"action\":117,\"name\":\"p\"}").topic()).isEqualTo(Topic.RECORD);
    }

    @Test
    void invalidFramesAreRefusedWithAReason() {
        assertThatExceptionOfType(MessageParseException.class).isThrownBy(() -> decode("{bad"))
            .withMessageContaining("not valid JSON");
        assertThatExceptionOfType(MessageParseException.class).isThrownBy(() -> decode("[{\"topic\":2}]"))
            .withMessageContaining("not a JSON object");
        assertThatExceptionOfType(MessageParseException.class).isThrownBy(() -> decode("{\"topic\":\"2\",\"action\":1}"))
            .withMessageContaining("no integer 'topic'");
        assertThatExceptionOfType(MessageParseException.class).isThrownBy(() -> decode("{\"topic\":42,\"action\":1}"))
            .withMessageContaining("Unknown topic 42");
        assertThatExceptionOfType(MessageParseException.class)
            .isThrownBy(() -> decode("{\"topic\":4,\"action\":3,\"names\":\"x\"}"))
            .withMessageContaining("'names' is not an array");
        assertThatExceptionOfType(MessageParseException.class)
            .isThrownBy(() -> this.codec.decode(new Frame.Binary(new byte[] { 1 })))
            .withMessageContaining("Binary frame");
    }

    @Test
    void toStringNeverShowsThePayload() {
        Message login = Message.builder(AuthAction.REQUEST)
            .payload(this.mapper.readTree("{\"password\":\"s3cret\"}"))
            .build();
        assertThat(login.toString()).doesNotContain("s3cret").contains("payload=<OBJECT>");
    }

}
