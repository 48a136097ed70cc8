package io.github.deepstreamspringboot.client.internal.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.Topic;

/**
 * One deepstream message, independent of its encoding. Immutable; build one with {@link #builder(Action)}.
 *
 * <p>The payload is a JSON value, held as a {@link Payload} (JSON text, a tree, or both); {@code null} means the message
 * has no payload at all (which differs from a JSON {@code null} payload). {@link #toString()} never shows a payload, so credentials sent with a login cannot reach a
 * log through it.
 */
public final class Message {

    private final Topic topic;

    private final int action;

    private final String name;

    private final List<String> names;

    private final String correlationId;

    private final Payload payload;

    private final Integer version;

    private final String path;

    private final Boolean writeAck;

    private final boolean error;

    private final boolean ack;

    private final Integer originalTopic;

    private final Integer originalAction;

    private final String subscription;

    private final Map<String, Integer> versions;

    private final Map<String, String> attributes;

    private Message(Builder builder) {
        this.topic = builder.topic;
        this.action = builder.action;
        this.name = builder.name;
        this.names = (builder.names != null) ? List.copyOf(builder.names) : null;
        this.correlationId = builder.correlationId;
        this.payload = builder.payload;
        this.version = builder.version;
        this.path = builder.path;
        this.writeAck = builder.writeAck;
        this.error = builder.error;
        this.ack = builder.ack;
        this.originalTopic = builder.originalTopic;
        this.originalAction = builder.originalAction;
        this.subscription = builder.subscription;
        this.versions = (builder.versions != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(builder.versions))
                : null;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
    }

    /**
     * Starts a message with the given action (and so its topic).
     * @param action the action
     * @return a builder
     */
    public static Builder builder(Action action) {
        return new Builder(action.topic(), action.code());
    }

    /**
     * Starts a message with a topic and a raw action number, for decoders and for actions no enum knows yet.
     * @param topic the topic
     * @param action the action number
     * @return a builder
     */
    public static Builder builder(Topic topic, int action) {
        return new Builder(Objects.requireNonNull(topic, "'topic' must not be null"), action);
    }

    /** @return the topic */
    public Topic topic() {
        return this.topic;
    }

    /** @return the action number within the topic */
    public int action() {
        return this.action;
    }

    /** @return the event, RPC, record or user name, or a listen pattern; {@code null} if absent */
    public String name() {
        return this.name;
    }

    /** @return the names of a bulk operation; {@code null} if absent */
    public List<String> names() {
        return this.names;
    }

    /** @return the correlation id; {@code null} if absent */
    public String correlationId() {
        return this.correlationId;
    }

    /** @return the payload as a tree (read from its JSON text on first use); {@code null} if the message has none */
    public JsonNode payload() {
        return (this.payload != null) ? this.payload.tree() : null;
    }

    /** @return the payload as it is held, to decode without a tree; {@code null} if the message has none */
    public Payload rawPayload() {
        return this.payload;
    }

    /** @return the record version; {@code null} if absent */
    public Integer version() {
        return this.version;
    }

    /** @return the record path; {@code null} if absent */
    public String path() {
        return this.path;
    }

    /** @return whether a write asks for (or is) a write acknowledgement; {@code null} if absent */
    public Boolean writeAck() {
        return this.writeAck;
    }

    /** @return whether the server marked this message as an error */
    public boolean isError() {
        return this.error;
    }

    /**
     * Whether the server marked this message as an acknowledgement. Only the binary endpoint sets the flag; handlers
     * recognise acks by topic, action and correlation id, which works on both endpoints.
     * @return {@code true} for a flagged acknowledgement
     */
    public boolean isAck() {
        return this.ack;
    }

    /** @return the topic number of the message an error refers to; {@code null} if absent */
    public Integer originalTopic() {
        return this.originalTopic;
    }

    /** @return the action number of the message an error refers to; {@code null} if absent */
    public Integer originalAction() {
        return this.originalAction;
    }

    /** @return the concrete name a listen pattern matched; {@code null} if absent */
    public String subscription() {
        return this.subscription;
    }

    /** @return record versions by name (bulk head response); {@code null} if absent */
    public Map<String, Integer> versions() {
        return this.versions;
    }

    /**
     * Returns the other string fields of the message (for example {@code sdkType} on a challenge).
     * @return the fields by key, never {@code null}
     */
    public Map<String, String> attributes() {
        return this.attributes;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Message[").append(this.topic).append('/').append(this.action);
        appendIfPresent(text, "name", this.name);
        appendIfPresent(text, "names", this.names);
        appendIfPresent(text, "correlationId", this.correlationId);
        appendIfPresent(text, "version", this.version);
        appendIfPresent(text, "originalTopic", this.originalTopic);
        appendIfPresent(text, "originalAction", this.originalAction);
        if (this.payload != null) {
            // the type of a tree already there; text is not parsed just to be described
            JsonNode tree = this.payload.treeIfPresent();
            text.append(", payload=<").append((tree != null) ? tree.getNodeType() : "JSON text").append('>');
        }
        return text.append(']').toString();
    }

    private static void appendIfPresent(StringBuilder text, String key, Object value) {
        if (value != null) {
            text.append(", ").append(key).append('=').append(value);
        }
    }

    /**
     * Builds a {@link Message}. Not thread-safe.
     */
    public static final class Builder {

        private final Topic topic;

        private int action;

        private String name;

        private List<String> names;

        private String correlationId;

        private Payload payload;

        private Integer version;

        private String path;

        private Boolean writeAck;

        private boolean error;

        private boolean ack;

        private Integer originalTopic;

        private Integer originalAction;

        private String subscription;

        private Map<String, Integer> versions;

        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(Topic topic, int action) {
            this.topic = topic;
            this.action = action;
        }

        /**

         * @param name the name

         * @return this builder

         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**

         * @param names the names of a bulk operation

         * @return this builder

         */
        public Builder names(List<String> names) {
            this.names = names;
            return this;
        }

        /**

         * @param correlationId the correlation id

         * @return this builder

         */
        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        /**

         * @param payload the payload, or {@code null} for none

         * @return this builder

         */
        public Builder payload(JsonNode payload) {
            this.payload = (payload != null) ? Payload.of(payload) : null;
            return this;
        }

        /**
         * @param payload the payload, or {@code null} for none
         * @return this builder
         */
        public Builder payload(Payload payload) {
            this.payload = payload;
            return this;
        }

        /**

         * @param version the record version

         * @return this builder

         */
        public Builder version(Integer version) {
            this.version = version;
            return this;
        }

        /**

         * @param path the record path

         * @return this builder

         */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /**

         * @param writeAck whether a write asks for an acknowledgement

         * @return this builder

         */
        public Builder writeAck(Boolean writeAck) {
            this.writeAck = writeAck;
            return this;
        }

        /**

         * @param error whether the message is an error

         * @return this builder

         */
        public Builder error(boolean error) {
            this.error = error;
            return this;
        }

        /**

         * @param ack whether the message is flagged as an acknowledgement

         * @return this builder

         */
        public Builder ack(boolean ack) {
            this.ack = ack;
            return this;
        }

        /** Sets the action number, for decoders that read it after other fields. */
        Builder action(int action) {
            this.action = action;
            return this;
        }

        /**

         * @param originalTopic the topic number an error refers to

         * @return this builder

         */
        public Builder originalTopic(Integer originalTopic) {
            this.originalTopic = originalTopic;
            return this;
        }

        /**

         * @param originalAction the action number an error refers to

         * @return this builder

         */
        public Builder originalAction(Integer originalAction) {
            this.originalAction = originalAction;
            return this;
        }

        /**

         * @param subscription the name a listen pattern matched

         * @return this builder

         */
        public Builder subscription(String subscription) {
            this.subscription = subscription;
            return this;
        }

        /**

         * @param versions record versions by name

         * @return this builder

         */
        public Builder versions(Map<String, Integer> versions) {
            this.versions = versions;
            return this;
        }

        /**
         * Adds another string field.
         * @param key the field's key
         * @param value the field's value
         * @return this builder
         */
        public Builder attribute(String key, String value) {
            this.attributes.put(key, value);
            return this;
        }

        /** @return the message */
        public Message build() {
            return new Message(this);
        }

    }

}
