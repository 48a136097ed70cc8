package io.github.deepstreamspringboot.client.observation;

/**
 * What the observation of a record write with acknowledgement knows: the record's name and, at the end, the
 * {@linkplain #getOutcome() outcome}: {@code stored}, or {@code failed} (refused, timed out, or the connection was
 * lost).
 */
public final class RecordWriteObservationContext extends DeepstreamObservationContext {

    private final String recordName;

    /**
     * @param clientName the observing client's name
     * @param recordName the record's name
     */
    public RecordWriteObservationContext(String clientName, String recordName) {
        super(clientName);
        this.recordName = recordName;
    }

    /** @return the record's name */
    public String getRecordName() {
        return this.recordName;
    }

}
