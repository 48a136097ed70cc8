package io.github.deepstreamspringboot.client.internal.record;

import tools.jackson.databind.JsonNode;

/**
 * A write waiting for its acknowledgement.
 *
 * @param name the record written
 * @param waiter the caller's future, or {@code null} if nobody waits for it
 * @param state the record written, or {@code null} for a write without subscription
 * @param data the data the record has once this write is stored
 * @param version the version it has then
 */
record WriteAck(String name, Waiter<Void> waiter, RecordState state, JsonNode data, int version) {

    /** Records that the server holds this write, unless it already confirmed a later one. */
    void stored() {
        if (this.state != null && this.version > this.state.serverVersion) {
            this.state.serverData = this.data;
            this.state.serverVersion = this.version;
        }
    }

}
