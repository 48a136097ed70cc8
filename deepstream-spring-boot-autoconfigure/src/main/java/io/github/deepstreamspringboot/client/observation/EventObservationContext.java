package io.github.deepstreamspringboot.client.observation;

import io.micrometer.observation.Observation;

/**
 * What an event observation knows: the event's name and whether the client accepted the emit.
 */
public final class EventObservationContext extends Observation.Context {

    private final String eventName;

    private String outcome = "unknown";

    /**
     * @param eventName the event's name
     */
    public EventObservationContext(String eventName) {
        this.eventName = eventName;
    }

    /** @return the event's name */
    public String getEventName() {
        return this.eventName;
    }

    /** @return {@code sent} (sent or queued while offline) or {@code refused} */
    public String getOutcome() {
        return this.outcome;
    }

    void setOutcome(String outcome) {
        this.outcome = outcome;
    }

}
