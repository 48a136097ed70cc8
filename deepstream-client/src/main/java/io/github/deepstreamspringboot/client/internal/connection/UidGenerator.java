package io.github.deepstreamspringboot.client.internal.connection;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Makes ids in deepstream's format: the time in milliseconds in base 36, a dash, and a random 63-bit number in base 36
 * (for example {@code mwrjsakz-2bqzr5k1d9xqp}). The time prefix sorts ids roughly by creation; the random part makes a
 * clash between two ids of the same millisecond about one in 10<sup>18</sup>. Thread-safe.
 */
final class UidGenerator {

    private final LongSupplier clock;

    UidGenerator(LongSupplier clock) {
        this.clock = clock;
    }

    String next() {
        long random = ThreadLocalRandom.current().nextLong() >>> 1;
        return Long.toString(this.clock.getAsLong(), 36) + "-" + Long.toString(random, 36);
    }

}
