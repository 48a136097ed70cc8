package io.github.deepstreamspringboot.client.internal.protocol;

import java.util.EnumMap;
import java.util.Map;

import io.github.deepstreamspringboot.client.Topic;

/**
 * The protobuf layout of the inner messages on deepstream's binary endpoint, as server 7.0.2 uses it: for each topic,
 * which field number carries which part of a {@link Message}. The numbers differ between topics (RPC swaps
 * {@code name} and {@code names}; presence puts {@code data} at 4), so the codec looks every field up here. Immutable.
 */
final class BinarySchema {

    /** The parts of a message that the inner messages can carry, with their protobuf wire type. */
    enum Field {

        ACTION(ProtobufWriter.WIRE_VARINT), DATA(ProtobufWriter.WIRE_LENGTH_DELIMITED),
        CORRELATION_ID(ProtobufWriter.WIRE_LENGTH_DELIMITED), IS_ERROR(ProtobufWriter.WIRE_VARINT),
        IS_ACK(ProtobufWriter.WIRE_VARINT), NAME(ProtobufWriter.WIRE_LENGTH_DELIMITED),
        NAMES(ProtobufWriter.WIRE_LENGTH_DELIMITED), SUBSCRIPTION(ProtobufWriter.WIRE_LENGTH_DELIMITED),
        ORIGINAL_TOPIC(ProtobufWriter.WIRE_VARINT), ORIGINAL_ACTION(ProtobufWriter.WIRE_VARINT),
        IS_WRITE_ACK(ProtobufWriter.WIRE_VARINT), PATH(ProtobufWriter.WIRE_LENGTH_DELIMITED),
        VERSION(ProtobufWriter.WIRE_VARINT), VERSIONS(ProtobufWriter.WIRE_LENGTH_DELIMITED),
        // string fields that the Message model keeps as attributes, under these keys
        PATTERN("pattern"), URL("url"), PROTOCOL_VERSION("protocolVersion"), SDK_VERSION("sdkVersion"),
        SDK_TYPE("sdkType"), REQUESTOR_NAME("requestorName"), REQUESTOR_DATA("requestorData");

        private final int wireType;

        private final String attribute;

        Field(int wireType) {
            this.wireType = wireType;
            this.attribute = null;
        }

        Field(String attribute) {
            this.wireType = ProtobufWriter.WIRE_LENGTH_DELIMITED;
            this.attribute = attribute;
        }

        int wireType() {
            return this.wireType;
        }

        /** @return the attribute key of a string field the model has no property for, else {@code null} */
        String attribute() {
            return this.attribute;
        }

    }

    private static final Map<Topic, BinarySchema> SCHEMAS = new EnumMap<>(Topic.class);

    static {
        define(Topic.PARSER, Field.ACTION, Field.DATA, null, null, null, null, null, Field.ORIGINAL_TOPIC,
                Field.ORIGINAL_ACTION);
        define(Topic.CONNECTION, Field.ACTION, Field.DATA, Field.IS_ERROR, Field.IS_ACK, Field.URL,
                Field.PROTOCOL_VERSION, Field.SDK_VERSION, Field.SDK_TYPE);
        define(Topic.AUTH, Field.ACTION, Field.DATA, Field.IS_ERROR, Field.IS_ACK);
        define(Topic.EVENT, Field.ACTION, Field.DATA, Field.CORRELATION_ID, Field.IS_ERROR, Field.IS_ACK, Field.NAME,
                Field.NAMES, Field.SUBSCRIPTION, null, Field.ORIGINAL_TOPIC, Field.ORIGINAL_ACTION);
        define(Topic.RPC, Field.ACTION, Field.DATA, Field.CORRELATION_ID, Field.IS_ERROR, Field.IS_ACK, Field.NAMES,
                Field.NAME, null, Field.ORIGINAL_ACTION, Field.REQUESTOR_NAME, Field.REQUESTOR_DATA);
        define(Topic.RECORD, Field.ACTION, Field.DATA, Field.CORRELATION_ID, Field.IS_ERROR, Field.IS_ACK,
                Field.NAME, Field.NAMES, Field.PATTERN, Field.SUBSCRIPTION, Field.ORIGINAL_ACTION, Field.IS_WRITE_ACK,
                Field.PATH, Field.VERSION, Field.VERSIONS);
        define(Topic.PRESENCE, Field.ACTION, Field.ORIGINAL_TOPIC, Field.ORIGINAL_ACTION, Field.DATA,
                Field.CORRELATION_ID, Field.IS_ERROR, Field.IS_ACK, Field.NAME, Field.NAMES);
    }

    /** Field by number; index 0 and numbers the topic does not use are {@code null}. */
    private final Field[] byNumber;

    /** Number by field; 0 where the topic has no such field. */
    private final int[] numbers = new int[Field.values().length];

    private BinarySchema(Field[] byNumber) {
        this.byNumber = byNumber;
        for (int number = 1; number < byNumber.length; number++) {
            if (byNumber[number] != null) {
                this.numbers[byNumber[number].ordinal()] = number;
            }
        }
    }

    /** @param fields the fields in number order from 1; {@code null} for a number the topic does not use */
    private static void define(Topic topic, Field... fields) {
        Field[] byNumber = new Field[fields.length + 1];
        System.arraycopy(fields, 0, byNumber, 1, fields.length);
        SCHEMAS.put(topic, new BinarySchema(byNumber));
    }

    /**
     * Returns the layout of a topic's inner message.
     * @param topic the topic
     * @return the layout, or {@code null} for a topic that has no inner message for clients
     */
    static BinarySchema of(Topic topic) {
        return SCHEMAS.get(topic);
    }

    /** @return the field with this number, or {@code null} if the topic does not use the number */
    Field field(int number) {
        return (number > 0 && number < this.byNumber.length) ? this.byNumber[number] : null;
    }

    /** @return the number of this field, or 0 if the topic's message has no such field */
    int number(Field field) {
        return this.numbers[field.ordinal()];
    }

}
