package io.github.deepstreamspringboot.client.record;

/**
 * Told about record activity, for metrics. Outcomes are fixed strings. Runs on the client's callback thread.
 */
public interface RecordListener {

    /**
     * The number of open records (distinct names) changed; also called once when the listener is registered.
     * @param open the number now
     */
    default void onOpenRecordsChanged(int open) {
    }

    /**
     * A conflict was resolved by a merge strategy.
     * @param outcome {@code remote} (the server's data was kept) or {@code merged} (merged data written back)
     */
    default void onConflict(String outcome) {
    }

}
