package io.github.deepstreamspringboot.client;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a {@link DeepstreamClient#drain(Duration) drain} achieved: how long it took, and the work it could not finish
 * within its timeout, counted by kind. That work failed with {@link ErrorKind#IS_CLOSED} when the client closed.
 *
 * @param took from the start of the drain until the connection began to close
 * @param unfinished the work left when the drain gave up, by kind; empty when everything was delivered
 */
public record DrainResult(Duration took, Map<Work, Integer> unfinished) {

    /**
     * @param took from the start of the drain until the connection began to close
     * @param unfinished the work left, by kind; kinds with a count of zero are left out
     */
    public DrainResult {
        Objects.requireNonNull(took, "'took' must not be null");
        EnumMap<Work, Integer> counted = new EnumMap<>(Work.class);
        Objects.requireNonNull(unfinished, "'unfinished' must not be null").forEach((work, count) -> {
            if (count > 0) {
                counted.put(work, count);
            }
        });
        unfinished = Collections.unmodifiableMap(counted);
    }

    /** @return whether everything accepted before the client closed was delivered */
    public boolean isComplete() {
        return this.unfinished.isEmpty();
    }

    /** @return the unfinished work in words, e.g. "3 outgoing messages, 1 RPC call awaiting its result" */
    public String describeUnfinished() {
        return this.unfinished.entrySet().stream()
            .map((entry) -> entry.getValue() + " " + entry.getKey().description)
            .collect(Collectors.joining(", "));
    }

    /**
     * A kind of work a drain waits for.
     */
    public enum Work {

        /** Messages accepted by a send (emits, writes, calls, …) that the socket has not taken yet. */
        OUTGOING_MESSAGES("outgoing messages not yet written"),

        /** Record writes made with an acknowledgement that the server has not confirmed yet. */
        RECORD_WRITES("record writes awaiting acknowledgement"),

        /** RPC calls made by this client that have no result yet. */
        RPC_CALLS("RPC calls awaiting their result"),

        /** RPC requests that this client's providers have not answered yet. */
        RPC_RESPONSES("RPC requests not yet answered by a provider");

        private final String description;

        Work(String description) {
            this.description = description;
        }

    }

}
