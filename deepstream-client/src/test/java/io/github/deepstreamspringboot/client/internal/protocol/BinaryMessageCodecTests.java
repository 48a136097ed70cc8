package io.github.deepstreamspringboot.client.internal.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BinaryMessageCodec} with the frames of {@code shared/protocol/binary-framing.md} §4, recorded
 * against a real server 7.0.2: every frame the server sent is decoded from its exact bytes, and every frame the client
 * sent is compared field by field with ours (a standard encoder orders fields by number, so the bytes may differ).
 */
class BinaryMessageCodecTests {

    private static final HexFormat HEX = HexFormat.of();

    private final BinaryMessageCodec codec = new BinaryMessageCodec();

    private final JsonMapper mapper = JsonMapper.builder().build();

    private Message decode(String hex) throws MessageParseException {
        return this.codec.decode(new Frame.Binary(HEX.parseHex(hex)));
    }

    private byte[] encode(Message message) {
        return ((Frame.Binary) this.codec.encode(message)).bytes();
    }

    private static String ascii(String text) {
        return HEX.formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // ---- frames the server sent (<<), byte for byte ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "\"plain\"", "\"caf\u00e9 \u2603 \ud83d\ude00\"", "\"with \\\"quote\\\" and \\\\\"",
            "\"tab\\there\\nnewline\"", "\"\"", "0", "-42", "9007199254740993", "123456789012345678901234567890",
            "1.5", "true", "false", "null", "{\"a\":[1,\"b\"]}" })
    void payloadsAreWrittenAsJacksonWritesThemAndReadBackEqual(String json) throws MessageParseException {
        tools.jackson.databind.JsonNode payload = this.mapper.readTree(json);
        Message event = Message.builder(Topic.EVENT, 2).name("n").payload(payload).build();
        byte[] frame = ((Frame.Binary) this.codec.encode(event)).bytes();
        byte[] jackson = this.mapper.writeValueAsBytes(payload);
        assertThat(HexFormat.of().formatHex(frame)).contains(HexFormat.of().formatHex(jackson));
        assertThat(this.codec.decode(new Frame.Binary(frame)).payload()).isEqualTo(payload);
    }

    @Test
    void decodesConnectionAcceptAndPong() throws MessageParseException {
        Message accept = decode("0610021a020804");
        assertThat(ConnectionAction.ACCEPT.matches(accept)).isTrue();
        assertThat(accept.payload()).isNull();
        assertThat(ConnectionAction.PONG.matches(decode("0610021a020803"))).isTrue();
    }

    @Test
    void decodesLoginSuccessWithClientData() throws MessageParseException {
        Message ok = decode("2010031a1c08031218" + ascii("{\"favouriteColor\":\"red\"}"));
        assertThat(AuthAction.AUTH_SUCCESSFUL.matches(ok)).isTrue();
        assertThat(ok.payload()).isEqualTo(this.mapper.readTree("{\"favouriteColor\":\"red\"}"));
    }

    @Test
    void decodesSubscribeAcksWithTheirAckFlag() throws MessageParseException {
        Message event = decode("0c10041a0808031a0263312801");
        assertThat(event.topic()).isEqualTo(Topic.EVENT);
        assertThat(event.action()).isEqualTo(3);
        assertThat(event.correlationId()).isEqualTo("c1");
        assertThat(event.isAck()).isTrue();
        assertThat(event.names()).isNull();

        Message record = decode("1510051a1108171a02723128013a0762696e2d726563");
        assertThat(record.topic()).isEqualTo(Topic.RECORD);
        assertThat(record.action()).isEqualTo(23);
        assertThat(record.correlationId()).isEqualTo("r1");
        assertThat(record.isAck()).isTrue();
        assertThat(record.names()).containsExactly("bin-rec");

        Message provide = decode("0c10061a0808081a0270312801");
        assertThat(RpcAction.PROVIDE.matches(provide)).isTrue();
        assertThat(provide.correlationId()).isEqualTo("p1");
        assertThat(provide.isAck()).isTrue();
    }

    @Test
    void decodesReadResponseKeepingTheExplicitVersionZero() throws MessageParseException {
        Message read = decode("1510051a11080412027b7d320762696e2d7265636800");
        assertThat(read.action()).isEqualTo(4);
        assertThat(read.name()).isEqualTo("bin-rec");
        assertThat(read.version()).isZero();
        assertThat(read.payload()).isEqualTo(this.mapper.createObjectNode());
    }

    @Test
    void decodesWriteAcknowledgement() throws MessageParseException {
        Message ack = decode("1510051a11080e1a027731320762696e2d7265635801");
        assertThat(ack.action()).isEqualTo(14);
        assertThat(ack.correlationId()).isEqualTo("w1");
        assertThat(ack.name()).isEqualTo("bin-rec");
        assertThat(ack.writeAck()).isTrue();
        assertThat(ack.version()).isNull();
    }

    @Test
    void decodesAnRpcRequestDeliveredToItsProvider() throws MessageParseException {
        Message request = decode("1d10061a19080212077b2278223a317d1a037271313a0762696e2d727063");
        assertThat(RpcAction.REQUEST.matches(request)).isTrue();
        // RPC puts name at 7 and names at 6, the other way round from events and records
        assertThat(request.name()).isEqualTo("bin-rpc");
        assertThat(request.correlationId()).isEqualTo("rq1");
        assertThat(request.payload().get("x").intValue()).isEqualTo(1);
    }

    @Test
    void decodesPresenceQueryResponseWithItsOwnFieldNumbers() throws MessageParseException {
        Message response = decode("2a10071a260805221d" + ascii("{\"userA\":true,\"nobody\":false}") + "2a03707131");
        assertThat(response.topic()).isEqualTo(Topic.PRESENCE);
        assertThat(response.action()).isEqualTo(5);
        assertThat(response.correlationId()).isEqualTo("pq1");
        assertThat(response.payload().get("userA").booleanValue()).isTrue();
        assertThat(response.payload().get("nobody").booleanValue()).isFalse();
    }

    @Test
    void decodesErrorsThatCarryOnlyTheirAction() throws MessageParseException {
        Message unknownTopic = decode("0610011a020801");
        assertThat(unknownTopic.topic()).isEqualTo(Topic.PARSER);
        assertThat(unknownTopic.action()).isEqualTo(1);
        assertThat(unknownTopic.originalTopic()).isNull();
        Message invalid = decode("0610021a020865");
        assertThat(ConnectionAction.INVALID_MESSAGE.matches(invalid)).isTrue();
        assertThat(invalid.originalAction()).isNull();
        assertThat(AuthAction.INVALID_MESSAGE_DATA.matches(decode("0610031a020866"))).isTrue();
    }

    @Test
    void decodesANegativeVersionFromItsTenByteVarint() throws MessageParseException {
        Message update = decode("2910051a250812320762696e2d72656368ffffffffffffffffff0112077b2261223a317d58011a027731");
        assertThat(update.version()).isEqualTo(-1);
        assertThat(update.writeAck()).isTrue();
    }

    @Test
    void emptyDataMeansNoPayload() throws MessageParseException {
        // EVENT EMIT, name "n", data ""
        Message emit = decode("0b10041a070802120032016e");
        assertThat(emit.name()).isEqualTo("n");
        assertThat(emit.payload()).isNull();
    }

    @Test
    void dataThatIsNotJsonIsKeptAsText() throws MessageParseException {
        Message emit = decode("0f10041a0b08021204" + ascii("oops") + "32016e");
        assertThat(emit.payload().stringValue()).isEqualTo("oops");
    }

    @Test
    void trailingBytesAfterTheFirstMessageAreIgnoredAsTheServerDoes() throws MessageParseException {
        assertThat(ConnectionAction.PONG.matches(decode("0610021a020803" + "0610021a020804"))).isTrue();
    }

    @Test
    void unknownFieldsAreSkipped() throws MessageParseException {
        // PONG with an unknown varint field 15, fixed64 field 16 and fixed32 field 17
        Message pong = decode("1810021a140803" + "7801" + "81010102030405060708" + "8d0101020304");
        assertThat(ConnectionAction.PONG.matches(pong)).isTrue();
    }

    @Test
    void decodesBulkHeadVersionsMap() throws MessageParseException {
        // a RECORD message (action 21) with the versions map {a: 3, b: -1}
        byte[] inner = concat(HEX.parseHex("0815"), mapEntry("a", "03"), mapEntry("b", "ffffffffffffffffff01"));
        Message message = this.codec.decode(new Frame.Binary(frame(5, inner)));
        assertThat(message.versions()).containsExactly(Map.entry("a", 3), Map.entry("b", -1));
    }

    // ---- frames the client sent (>>), field by field -----------------------------------------------------------------

    @Test
    void encodesTheChallenge() {
        Message challenge = Message.builder(ConnectionAction.CHALLENGE)
            .attribute("url", "ws://127.0.0.1:6031/deepstream")
            .attribute("protocolVersion", "0.1a")
            .attribute("sdkVersion", "0.0.1")
            .attribute("sdkType", "java")
            .build();
        assertSameFields(encode(challenge), "3910021a3508052a1e"
                + "77733a2f2f3132372e302e302e313a363033312f6465657073747265616d3204302e31613a05302e302e3142046a617661");
    }

    @Test
    void encodesTheLoginWithItsCredentialsAsJsonText() {
        Message login = Message.builder(AuthAction.REQUEST)
            .payload(this.mapper.readTree("{\"username\":\"userA\",\"password\":\"password\"}"))
            .build();
        assertSameFields(encode(login),
                "3210031a2e0802122a" + ascii("{\"username\":\"userA\",\"password\":\"password\"}"));
    }

    @Test
    void encodesPing() {
        assertSameFields(encode(Message.builder(ConnectionAction.PING).build()), "0610021a020802");
    }

    @Test
    void encodesEventAndRecordSubscriptions() {
        assertSameFields(encode(Message.builder(Topic.EVENT, 3).names(List.of("bin-ev")).correlationId("c1").build()),
                "1210041a0e08031a0263313a0662696e2d6576");
        assertSameFields(encode(Message.builder(Topic.RECORD, 23).names(List.of("bin-rec")).correlationId("r1")
            .build()), "1310051a0f08171a0272313a0762696e2d726563");
    }

    @Test
    void encodesARecordUpdateWithVersionMinusOneAsTenBytes() {
        Message update = Message.builder(Topic.RECORD, 18)
            .name("bin-rec")
            .version(-1)
            .payload(this.mapper.readTree("{\"a\":1}"))
            .writeAck(true)
            .correlationId("w1")
            .build();
        byte[] bytes = encode(update);
        assertSameFields(bytes,
                "2910051a250812320762696e2d72656368ffffffffffffffffff0112077b2261223a317d58011a027731");
        assertThat(HEX.formatHex(bytes)).contains("68ffffffffffffffffff01");
    }

    @Test
    void encodesRpcProvideAndRequestWithRpcFieldNumbers() {
        assertSameFields(encode(Message.builder(RpcAction.PROVIDE).names(List.of("bin-rpc")).correlationId("p1")
            .build()), "1310061a0f08081a027031320762696e2d727063");
        assertSameFields(encode(Message.builder(RpcAction.REQUEST).name("bin-rpc").correlationId("rq1")
            .payload(this.mapper.readTree("{\"x\":1}")).build()),
                "1d10061a1908023a0762696e2d7270631a0372713112077b2278223a317d");
    }

    @Test
    void encodesPresenceQueryWithPresenceFieldNumbers() {
        assertSameFields(encode(Message.builder(Topic.PRESENCE, 4).correlationId("pq1")
            .names(List.of("userA", "nobody")).build()), "1a10071a1608042a037071314a0575736572414a066e6f626f6479");
    }

    @Test
    void everyMessagePropertyRoundTrips() throws MessageParseException {
        Message original = Message.builder(Topic.RECORD, 21)
            .name("räksmörgås/€")
            .names(List.of("a", "b"))
            .correlationId("c9")
            .version(Integer.MAX_VALUE)
            .path("x.y[0]")
            .writeAck(false)
            .subscription("s")
            .originalAction(25)
            .versions(Map.of("k", -1))
            .error(true)
            .ack(true)
            .attribute("pattern", "^p/.*")
            .payload(this.mapper.readTree("{\"long\":\"" + "x".repeat(300) + "\"}"))
            .build();
        Message decoded = this.codec.decode(this.codec.encode(original));
        // the payload arrives as JSON text, read into a tree when asked for: the same value
        assertThat(decoded).usingRecursiveComparison().ignoringFields("payload").isEqualTo(original);
        assertThat(decoded.rawPayload().hasJson()).isTrue();
        assertThat(decoded.payload()).isEqualTo(original.payload());
    }

    @Test
    void attributesWithoutAFieldAreDropped() throws MessageParseException {
        Message decoded = this.codec.decode(this.codec.encode(Message.builder(Topic.EVENT, 2).name("n")
            .attribute("foo", "bar").build()));
        assertThat(decoded.attributes()).isEmpty();
    }

    // ---- frames that are not messages --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "", "06", "0610021a0208", "0610021a02088080", "0610021a05080412", "ff", "0a10021a0a08",
            "0610021a0208ffffffffffffffffffffff01", "02100b", "021064", "02080a", "0510021a00", "0410021b00" })
    void undecodableFramesRaiseAParseException(String hex) {
        assertThatExceptionOfType(MessageParseException.class).isThrownBy(() -> decode(hex));
    }

    @Test
    void aTextFrameIsNotABinaryMessage() {
        assertThatExceptionOfType(MessageParseException.class)
            .isThrownBy(() -> this.codec.decode(new Frame.Text("{\"topic\":2,\"action\":4}")))
            .withMessageContaining("Text frame");
    }

    @Test
    void aFieldWithTheWrongWireTypeIsRefused() {
        // ACCEPT whose action comes as a length-delimited field
        assertThatExceptionOfType(MessageParseException.class).isThrownBy(() -> decode("0710021a030a0104"))
            .withMessageContaining("wire type");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private static byte[] mapEntry(String key, String valueVarintHex) {
        byte[] entry = concat(HEX.parseHex("0a01"), key.getBytes(), HEX.parseHex("10" + valueVarintHex));
        return concat(HEX.parseHex("72" + String.format("%02x", entry.length)), entry);
    }

    private static byte[] frame(int topic, byte[] inner) {
        byte[] outer = concat(HEX.parseHex(String.format("10%02x1a%02x", topic, inner.length)), inner);
        return concat(HEX.parseHex(String.format("%02x", outer.length)), outer);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Compares two frames as the fields they carry, sorted by number, with the inner message compared the same way. */
    private static void assertSameFields(byte[] actual, String expectedHex) {
        assertThat(WireFields.ofFrame(actual)).isEqualTo(WireFields.ofFrame(HEX.parseHex(expectedHex)));
    }

    /** A protobuf dump for comparisons: field number, wire type and value; the outer message's field 3 is opened. */
    private static final class WireFields {

        static List<String> ofFrame(byte[] frame) {
            try {
                ProtobufReader outer = new ProtobufReader(frame, 0, frame.length).readLengthDelimited();
                assertThat(outer.position() + outer.remaining()).as("one message, no trailing bytes")
                    .isEqualTo(frame.length);
                return of(outer, true);
            }
            catch (MessageParseException ex) {
                throw new AssertionError(ex);
            }
        }

        private static List<String> of(ProtobufReader reader, boolean outer) throws MessageParseException {
            List<String> fields = new ArrayList<>();
            while (reader.hasMore()) {
                long tag = reader.readVarint();
                int number = (int) (tag >>> 3);
                int wireType = (int) (tag & 7);
                String value;
                if (wireType == 0) {
                    value = Long.toString(reader.readVarint());
                }
                else if (outer && number == 3) {
                    value = of(reader.readLengthDelimited(), false).toString();
                }
                else {
                    value = "'" + reader.readString() + "'";
                }
                fields.add(String.format("%03d:%d=%s", number, wireType, value));
            }
            // stable: repeated fields keep their order
            fields.sort(Comparator.comparing((String field) -> field.substring(0, 3)));
            return fields;
        }

    }

}
