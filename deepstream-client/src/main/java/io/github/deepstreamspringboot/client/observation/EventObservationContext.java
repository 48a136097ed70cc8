package io.github.deepstreamspringboot.client.observation;

/**
 * What an event observation knows: the event's name, whether it is an emit or a delivery, and the
 * {@linkplain #getOutcome() outcome}: for an emit, {@code sent} (sent or queued while offline) or {@code refused}; for
 * a delivery, {@code handled} or {@code failed} (the handler threw).
 */
public final class EventObservationContext extends DeepstreamObservationContext {

    private final String eventName;

    private final Operation operation;

    /**
     * @param clientName the observing client's name
     * @param eventName the event's name
     * @param operation an emit of this client, or a delivery to one of its subscribers
     */
    public EventObservationContext(String clientName, String eventName, Operation operation) {
        super(clientName);
        this.eventName = eventName;
        this.operation = operation;
    }

    /** @return the event's name */
    public String getEventName() {
        return this.eventName;
    }

    /** @return an emit of this client, or a delivery to one of its subscribers */
    public Operation getOperation() {
        return this.operation;
    }

    /** What happened to the event here. */
    public enum Operation {

        /** This client emitted it. */
        EMIT,

        /** It was delivered to a subscriber of this client (a handler or an annotated listener). */
        DELIVER

    }

}
