package io.github.deepstreamspringboot.client.internal.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.protocol.BinarySchema.Field;

/**
 * The codec of deepstream's default {@code ws-binary} endpoint ({@code /deepstream}), the one a stock server serves
 * and the official JavaScript client uses: one length-delimited protobuf message per binary frame,
 * {@code varint(length) Outer{2: topic, 3: inner message bytes}}, with the inner message's layout chosen by the topic
 * ({@link BinarySchema}). Written by hand against the wire format, with no protobuf library.
 *
 * <p>How {@link Message} maps onto the inner messages: {@code action}, {@code name}, {@code names},
 * {@code correlationId}, {@code version}, {@code path}, {@code writeAck} ({@code isWriteAck}), {@code subscription},
 * {@code isError}, {@code isAck}, {@code originalTopic} ({@code originalTOPIC}), {@code originalAction} and
 * {@code versions} go to the fields of those names where the topic's message has one; the payload travels as JSON
 * text in {@code data}, and an empty {@code data} means no payload. The attributes {@code url},
 * {@code protocolVersion}, {@code sdkVersion}, {@code sdkType} (connection), {@code pattern} (record),
 * {@code requestorName} and {@code requestorData} (RPC; the latter JSON text) map to their fields. Everything else is
 * dropped on this endpoint: other attributes, and any property the topic's message has no field for (for example
 * {@code originalAction} on connection and auth messages, so an INVALID_MESSAGE arrives with its action only, and
 * {@code originalTopic}, which server 7.0.2 never encodes).
 *
 * <p>Decoding reads only the first delimited message of a frame, as the server does, and keeps zero values that the
 * server sends explicitly ({@code version} 0, {@code isWriteAck} false) as present. Bad bytes, an unknown topic, a
 * truncated varint or a length past the end of the frame raise a {@link MessageParseException}. Stateless and
 * thread-safe.
 */
public final class BinaryMessageCodec implements MessageCodec {

    /** The server's default path of the binary endpoint. */
    public static final String DEFAULT_PATH = "/deepstream";

    private static final int OUTER_TOPIC = 2;

    private static final int OUTER_MESSAGE = 3;

    /** Room for the frame's header: outer length (5), topic tag and value (2), message tag (1), inner length (5). */
    private static final int HEADROOM = 13;

    private static final int VERSIONS_KEY = 1;

    private static final int VERSIONS_VALUE = 2;

    /** Asked on use: the shared default is built in the background while the first client connects. */
    private final Supplier<JsonMapper> mapper;

    /**
     * Creates a codec with the shared {@link DefaultJsonMapper} for payloads.
     */
    public BinaryMessageCodec() {
        this.mapper = DefaultJsonMapper::get;
    }

    /**
     * Creates a codec.
     * @param mapper the mapper that reads and writes payloads
     */
    public BinaryMessageCodec(JsonMapper mapper) {
        Objects.requireNonNull(mapper, "'mapper' must not be null");
        this.mapper = () -> mapper;
    }

    @Override
    public String name() {
        return "binary";
    }

    // ---- encoding ---------------------------------------------------------------------------------------------------

    @Override
    public Frame encode(Message message) {
        BinarySchema schema = BinarySchema.of(message.topic());
        if (schema == null) {
            throw new IllegalArgumentException("Topic " + message.topic() + " has no binary message");
        }
        // the inner message is written first, after room for the header, which then goes right in front of it
        ProtobufWriter out = new ProtobufWriter(HEADROOM);
        writeInner(out, schema, message);
        int innerLength = out.position() - HEADROOM;
        int topic = message.topic().code();
        int outerLength = 1 + ProtobufWriter.varintSize(topic) + 1 + ProtobufWriter.varintSize(innerLength)
                + innerLength;
        int start = HEADROOM - (outerLength - innerLength) - ProtobufWriter.varintSize(outerLength);
        int at = start;
        out.putVarint(at, outerLength);
        at += ProtobufWriter.varintSize(outerLength);
        out.buffer()[at++] = (byte) (OUTER_TOPIC << 3 | ProtobufWriter.WIRE_VARINT);
        out.putVarint(at, topic);
        at += ProtobufWriter.varintSize(topic);
        out.buffer()[at++] = (byte) (OUTER_MESSAGE << 3 | ProtobufWriter.WIRE_LENGTH_DELIMITED);
        out.putVarint(at, innerLength);
        return new Frame.Binary(Arrays.copyOfRange(out.buffer(), start, out.position()));
    }

    /**
     * Writes the JSON of a string, number or boolean payload by hand, exactly as Jackson would: for these frequent
     * small payloads, setting up a Jackson generator costs more than the writing. A string that needs escaping is
     * left to Jackson.
     * @return {@code false} if the payload is not such a value (nothing was written)
     */
    private static boolean writeScalar(ProtobufWriter out, JsonNode payload) {
        if (payload.isString() && isPlain(payload.stringValue())) {
            out.write('"');
            out.writeUtf8(payload.stringValue());
            out.write('"');
            return true;
        }
        if (payload.isIntegralNumber() && payload.canConvertToLong()) {
            out.writeUtf8(Long.toString(payload.longValue()));
            return true;
        }
        if (payload.isBoolean()) {
            out.writeUtf8(payload.booleanValue() ? "true" : "false");
            return true;
        }
        return false;
    }

    /** Whether JSON needs no escape in the string: no quote, backslash, control character or lone surrogate half. */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private void writeInner(ProtobufWriter out, BinarySchema schema, Message message) {
        writeVarint(out, schema, Field.ACTION, message.action());
        Payload payload = message.rawPayload();
        if (payload != null && schema.number(Field.DATA) != 0) {
            out.writeTag(schema.number(Field.DATA), ProtobufWriter.WIRE_LENGTH_DELIMITED);
            int mark = out.beginLength();
            if (payload.hasJson()) {
                // serialized on the caller's thread, or relayed as it came: copied as it is
                out.write(payload.jsonBytes(), payload.jsonOffset(), payload.jsonLength());
            }
            else if (!writeScalar(out, payload.tree())) {
                this.mapper.get().writeValue(out, payload.tree());
            }
            out.endLength(mark);
        }
        writeString(out, schema, Field.CORRELATION_ID, message.correlationId());
        if (message.isError()) {
            writeBool(out, schema, Field.IS_ERROR, true);
        }
        if (message.isAck()) {
            writeBool(out, schema, Field.IS_ACK, true);
        }
        writeString(out, schema, Field.NAME, message.name());
        if (message.names() != null && schema.number(Field.NAMES) != 0) {
            for (String name : message.names()) {
                out.writeStringField(schema.number(Field.NAMES), name);
            }
        }
        writeString(out, schema, Field.SUBSCRIPTION, message.subscription());
        writeVarint(out, schema, Field.ORIGINAL_TOPIC, message.originalTopic());
        writeVarint(out, schema, Field.ORIGINAL_ACTION, message.originalAction());
        if (message.writeAck() != null) {
            writeBool(out, schema, Field.IS_WRITE_ACK, message.writeAck());
        }
        writeString(out, schema, Field.PATH, message.path());
        writeVarint(out, schema, Field.VERSION, message.version());
        if (message.versions() != null && schema.number(Field.VERSIONS) != 0) {
            for (Map.Entry<String, Integer> entry : message.versions().entrySet()) {
                out.writeTag(schema.number(Field.VERSIONS), ProtobufWriter.WIRE_LENGTH_DELIMITED);
                int mark = out.beginLength();
                out.writeStringField(VERSIONS_KEY, entry.getKey());
                out.writeVarintField(VERSIONS_VALUE, entry.getValue());
                out.endLength(mark);
            }
        }
        for (Map.Entry<String, String> attribute : message.attributes().entrySet()) {
            Field field = attributeField(attribute.getKey());
            if (field != null) {
                writeString(out, schema, field, attribute.getValue());
            }
        }
    }

    private static Field attributeField(String key) {
        for (Field field : Field.values()) {
            if (key.equals(field.attribute())) {
                return field;
            }
        }
        return null;
    }

    private static void writeVarint(ProtobufWriter out, BinarySchema schema, Field field, Integer value) {
        int number = schema.number(field);
        if (value != null && number != 0) {
            // sign-extended, so a negative int32 takes ten bytes as protobuf's int32 wants
            out.writeVarintField(number, value.longValue());
        }
    }

    private static void writeBool(ProtobufWriter out, BinarySchema schema, Field field, boolean value) {
        int number = schema.number(field);
        if (number != 0) {
            out.writeBoolField(number, value);
        }
    }

    private static void writeString(ProtobufWriter out, BinarySchema schema, Field field, String value) {
        int number = schema.number(field);
        if (value != null && number != 0) {
            out.writeStringField(number, value);
        }
    }

    // ---- decoding ---------------------------------------------------------------------------------------------------

    @Override
    public Message decode(Frame frame) throws MessageParseException {
        if (!(frame instanceof Frame.Binary binary)) {
            throw new MessageParseException("Text frame received on the binary endpoint");
        }
        byte[] bytes = binary.bytes();
        ProtobufReader outer = new ProtobufReader(bytes, 0, bytes.length).readLengthDelimited();
        Integer topicCode = null;
        ProtobufReader inner = null;
        while (outer.hasMore()) {
            long tag = outer.readVarint();
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (number == OUTER_TOPIC && wireType == ProtobufWriter.WIRE_VARINT) {
                topicCode = (int) outer.readVarint();
            }
            else if (number == OUTER_MESSAGE && wireType == ProtobufWriter.WIRE_LENGTH_DELIMITED) {
                inner = outer.readLengthDelimited();
            }
            else {
                outer.skip(wireType);
            }
        }
        if (topicCode == null) {
            throw new MessageParseException("Frame has no topic");
        }
        Topic topic = Topic.fromCode(topicCode);
        BinarySchema schema = (topic != null) ? BinarySchema.of(topic) : null;
        if (schema == null) {
            throw new MessageParseException("Unknown topic " + topicCode);
        }
        Message.Builder builder = Message.builder(topic, 0);
        if (inner != null) {
            readInner(inner, schema, builder);
        }
        return builder.build();
    }

    private void readInner(ProtobufReader in, BinarySchema schema, Message.Builder builder)
            throws MessageParseException {
        List<String> names = null;
        Map<String, Integer> versions = null;
        while (in.hasMore()) {
            long tag = in.readVarint();
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            Field field = schema.field(number);
            if (field == null) {
                in.skip(wireType);
                continue;
            }
            if (wireType != field.wireType()) {
                throw new MessageParseException("field " + number + " (" + field + ") has wire type " + wireType);
            }
            switch (field) {
                case ACTION -> builder.action((int) in.readVarint());
                case DATA -> readData(in.readLengthDelimited(), builder);
                case CORRELATION_ID -> builder.correlationId(in.readString());
                case IS_ERROR -> builder.error(in.readVarint() != 0);
                case IS_ACK -> builder.ack(in.readVarint() != 0);
                case NAME -> builder.name(in.readString());
                case NAMES -> {
                    names = (names != null) ? names : new ArrayList<>();
                    names.add(in.readString());
                }
                case SUBSCRIPTION -> builder.subscription(in.readString());
                case ORIGINAL_TOPIC -> builder.originalTopic((int) in.readVarint());
                case ORIGINAL_ACTION -> builder.originalAction((int) in.readVarint());
                case IS_WRITE_ACK -> builder.writeAck(in.readVarint() != 0);
                case PATH -> builder.path(in.readString());
                case VERSION -> builder.version((int) in.readVarint());
                case VERSIONS -> {
                    versions = (versions != null) ? versions : new LinkedHashMap<>();
                    readVersion(in.readLengthDelimited(), versions);
                }
                default -> builder.attribute(field.attribute(), in.readString());
            }
        }
        if (names != null) {
            builder.names(names);
        }
        if (versions != null) {
            builder.versions(versions);
        }
    }

    private void readData(ProtobufReader data, Message.Builder builder) {
        // protobufjs sends an unset string as empty, so empty data means no payload at all
        if (data.remaining() > 0) {
            // kept as text: read into a tree, or straight into a listener's type, only when asked for
            builder.payload(data.remainingAsPayload());
        }
    }

    private static void readVersion(ProtobufReader entry, Map<String, Integer> versions)
            throws MessageParseException {
        String key = "";
        int value = 0;
        while (entry.hasMore()) {
            long tag = entry.readVarint();
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (number == VERSIONS_KEY && wireType == ProtobufWriter.WIRE_LENGTH_DELIMITED) {
                key = entry.readString();
            }
            else if (number == VERSIONS_VALUE && wireType == ProtobufWriter.WIRE_VARINT) {
                value = (int) entry.readVarint();
            }
            else {
                entry.skip(wireType);
            }
        }
        versions.put(key, value);
    }

}
