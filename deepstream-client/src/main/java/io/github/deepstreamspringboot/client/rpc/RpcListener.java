package io.github.deepstreamspringboot.client.rpc;

import java.time.Duration;

/**
 * Told about every finished RPC call, made or answered, for metrics. Outcomes are short fixed strings: {@code success},
 * an {@link RpcErrorKind} name for calls made, or {@code error} / {@code rejected} for calls answered. Runs on the
 * client's callback thread.
 */
public interface RpcListener {

    /**
     * A call this client made finished.
     * @param duration from the call to its outcome
     * @param outcome {@code success} or the {@link RpcErrorKind} name
     */
    default void onCallCompleted(Duration duration, String outcome) {
    }

    /**
     * A call this client provided was answered.
     * @param duration from arrival to the answer
     * @param outcome {@code success}, {@code error} or {@code rejected}
     */
    default void onRequestAnswered(Duration duration, String outcome) {
    }

}
