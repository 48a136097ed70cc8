package io.github.deepstreamspringboot.client.internal.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes waiting for their acknowledgement, by correlation id, in the order they were sent.
 *
 * <p><b>Threads.</b> Event loop only.
 */
final class WriteAcks {

    private final Map<String, WriteAck> byCorrelationId = new LinkedHashMap<>();

    void expect(String correlationId, WriteAck ack) {
        this.byCorrelationId.put(correlationId, ack);
    }

    /** Removes and returns the write with this correlation id, or {@code null}. */
    WriteAck take(String correlationId) {
        return (correlationId != null) ? this.byCorrelationId.remove(correlationId) : null;
    }

    /**
     * Removes the writes of a record sent with a version the server has given to another write: they cannot be
     * stored as sent.
     * @return their waiters
     */
    List<Waiter<Void>> takeSuperseded(RecordState state, int serverVersion) {
        List<Waiter<Void>> superseded = new ArrayList<>();
        this.byCorrelationId.values().removeIf((ack) -> {
            if (ack.state() == state && ack.version() <= serverVersion) {
                if (ack.waiter() != null) {
                    superseded.add(ack.waiter());
                }
                return true;
            }
            return false;
        });
        return superseded;
    }

    int size() {
        return this.byCorrelationId.size();
    }

    /** Removes and returns every write (the connection was lost: none will be answered). */
    List<WriteAck> takeAll() {
        List<WriteAck> all = new ArrayList<>(this.byCorrelationId.values());
        this.byCorrelationId.clear();
        return all;
    }

}
