package io.github.deepstreamspringboot.client.observation;

import io.micrometer.observation.Observation;

/**
 * What an event observation knows: the event's name, whether it is an emit or a delivery, and the outcome.
 */
public final class EventObservationContext extends Observation.Context {

    private final String eventName;

    private final Operation operation;

    private String outcome = "unknown";

    /**
     * @param eventName the event's name
     * @param operation an emit of this client, or a delivery to one of its subscribers
     */
    public EventObservationContext(String eventName, Operation operation) {
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

    /**
     * @return for an emit: {@code sent} (sent or queued while offline) or {@code refused}; for a delivery:
     * {@code handled} or {@code failed} (the handler threw)
     */
    public String getOutcome() {
        return this.outcome;
    }

    /**
     * Sets the outcome; the client does, when the operation ends.
     * @param outcome the outcome, as {@link #getOutcome()} describes it
     */
    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    /** What happened to the event here. */
    public enum Operation {

        /** This client emitted it. */
        EMIT,

        /** It was delivered to a subscriber of this client (a handler or an annotated listener). */
        DELIVER

    }

}
