package io.github.deepstreamspringboot.client.internal.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.record.RecordException;

/**
 * Settles the futures of record operations: completes them on the callback executor (never on the event loop, so
 * that a caller's continuation cannot stall it), and arms their deadlines.
 *
 * <p><b>Threads.</b> Event loop only.
 */
final class RecordFutures {

    private final DeepstreamConnection connection;

    RecordFutures(DeepstreamConnection connection) {
        this.connection = connection;
    }

    /** Fails the waiter with {@code TIMEOUT} (and reports {@code ACK_TIMEOUT}) if the server has not answered. */
    void arm(Waiter<?> waiter) {
        Duration timeout = this.connection.options().requestTimeout();
        waiter.timer = this.connection.loop().schedule(() -> {
            if (!waiter.future.isDone()) {
                String problem = "no answer for record '" + waiter.name + "' within " + timeout;
                this.connection.reportError(ErrorKind.ACK_TIMEOUT, problem, Topic.RECORD, waiter.name);
                fail(waiter, new RecordException(waiter.name, RecordException.Reason.TIMEOUT, problem));
            }
        }, timeout);
    }

    /** Bounds the wait of a write kept locally until the record is in step with the server again. */
    void armOffline(Waiter<Void> waiter) {
        Duration maxAge = this.connection.options().offlineQueueMaxAge();
        waiter.timer = this.connection.loop().schedule(() -> {
            if (!waiter.future.isDone()) {
                fail(waiter, new RecordException(waiter.name, RecordException.Reason.TIMEOUT,
                        "record '" + waiter.name + "' was not back in step with the server within " + maxAge
                                + "; the change is kept locally"));
            }
        }, maxAge);
    }

    void succeed(Waiter<Void> waiter) {
        succeed(waiter, null);
    }

    <T> void succeed(Waiter<T> waiter, T value) {
        if (waiter != null) {
            cancel(waiter);
            this.connection.callback(() -> waiter.future.complete(value));
        }
    }

    void fail(Waiter<?> waiter, Throwable failure) {
        if (waiter != null) {
            cancel(waiter);
            this.connection.callback(() -> waiter.future.completeExceptionally(failure));
        }
    }

    /** Completes every write of the record waiting to be in step, and marks it clean. */
    void succeedPending(RecordState state) {
        state.dirty = false;
        settlePending(state, null);
    }

    /** Settles every write of the record waiting to be in step: fails them, or succeeds them if failure is null. */
    void settlePending(RecordState state, Throwable failure) {
        List<Waiter<Void>> waiting = new ArrayList<>(state.pendingAcks);
        state.pendingAcks.clear();
        waiting.forEach((waiter) -> {
            if (failure == null) {
                succeed(waiter);
            }
            else {
                fail(waiter, failure);
            }
        });
    }

    static void cancel(Waiter<?> waiter) {
        if (waiter.timer != null) {
            waiter.timer.cancel();
        }
    }

}
