package io.github.deepstreamspringboot.client.internal.record;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.record.RecordListener;

/**
 * Tells {@link RecordListener}s (the metrics) about record activity.
 *
 * <p><b>Threads.</b> Listeners are added and removed on any thread; the notifications are made on the event loop and
 * run on the callback executor.
 */
final class RecordActivity {

    private final DeepstreamConnection connection;

    private final List<RecordListener> listeners = new CopyOnWriteArrayList<>();

    private volatile int openRecords;

    RecordActivity(DeepstreamConnection connection) {
        this.connection = connection;
    }

    Subscription add(RecordListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
        // records opened before the listener came (e.g. in bean constructors) count too
        this.connection.execute(() -> {
            int open = this.openRecords;
            this.connection.callback(() -> listener.onOpenRecordsChanged(open));
        });
        return () -> this.listeners.remove(listener);
    }

    int openRecords() {
        return this.openRecords;
    }

    void openRecordsChanged(int open) {
        this.openRecords = open;
        notifyListeners((listener) -> listener.onOpenRecordsChanged(open));
    }

    void conflict(String outcome) {
        notifyListeners((listener) -> listener.onConflict(outcome));
    }

    private void notifyListeners(Consumer<RecordListener> call) {
        this.connection.callback(() -> this.listeners.forEach(call));
    }

}
