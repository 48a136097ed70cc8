package io.github.deepstreamspringboot.client.observation;

import io.micrometer.observation.Observation;

/**
 * What the observation of a record write with acknowledgement knows: the record's name and, at the end, the outcome.
 */
public final class RecordWriteObservationContext extends Observation.Context {

    private final String recordName;

    private String outcome = "unknown";

    /**
     * @param recordName the record's name
     */
    public RecordWriteObservationContext(String recordName) {
        this.recordName = recordName;
    }

    /** @return the record's name */
    public String getRecordName() {
        return this.recordName;
    }

    /** @return {@code stored}, or {@code failed} (refused, timed out, or the connection was lost) */
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

}
