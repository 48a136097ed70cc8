package io.github.deepstreamspringboot.client.internal.record;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.deepstreamspringboot.client.internal.connection.EventLoop;
import io.github.deepstreamspringboot.client.record.MergeStrategy;

/**
 * One open record name, shared by its handles. Written only on the event loop; the volatile fields are read by
 * handles on any thread.
 */
final class RecordState {

    final String name;

    final List<RecordHandle> handles = new ArrayList<>();

    /** Writes made before the data arrived, replayed once it has. */
    final List<Runnable> beforeReady = new ArrayList<>();

    /** Acknowledged writes waiting for the record to be in step again (offline, conflict). */
    final List<Waiter<Void>> pendingAcks = new ArrayList<>();

    volatile RecordPhase phase = RecordPhase.LOADING;

    /** The local data, with this client's changes; never changed in place, so handles may read it. */
    volatile JsonNode data = JsonNodeFactory.instance.objectNode();

    /** Version of the local data: the server's version plus this client's writes sent since. */
    volatile int version = -1;

    /** The data and version last received from the server. */
    JsonNode serverData = JsonNodeFactory.instance.objectNode();

    int serverVersion = -1;

    /** Whether the local data has changes the server has not been sent. */
    boolean dirty;

    /** Whether a write of this record waits for its acknowledgement; later changes wait for it. */
    boolean writeInFlight;

    volatile boolean deleted;

    volatile boolean hasProvider;

    volatile MergeStrategy strategy;

    /** The last write-back of merged or offline data, while it may still be waiting for its acknowledgement. */
    Waiter<Void> writeBack;

    /** Runs the delayed unsubscription of a record whose last handle was discarded; {@code null} otherwise. */
    EventLoop.Cancellable discardTimer;

    RecordState(String name) {
        this.name = name;
    }

    /** Takes the server's data and version as the local ones. */
    void adopt(JsonNode serverData, int serverVersion) {
        this.data = serverData;
        this.serverData = serverData;
        this.version = serverVersion;
        this.serverVersion = serverVersion;
    }

    /** Tells the handles if the local data differs from what it was. */
    void notifyChange(JsonNode previous) {
        if (!previous.equals(this.data)) {
            JsonNode current = this.data;
            this.handles.forEach((handle) -> handle.changed(previous, current));
        }
    }

}
