package io.github.deepstreamspringboot.client.internal.record;

/** Where a record is in its exchange with the server. */
enum RecordPhase {

    /** Subscribed, data not arrived yet. */
    LOADING,

    /** In step with the server: writes go out as they happen. */
    READY,

    /** Being brought in step (after a reconnection, a refused write or a conflict): writes are kept locally. */
    RESYNCING

}
