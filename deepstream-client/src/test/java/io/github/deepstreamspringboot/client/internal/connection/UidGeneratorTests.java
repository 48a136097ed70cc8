package io.github.deepstreamspringboot.client.internal.connection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UidGenerator}.
 */
class UidGeneratorTests {

    @Test
    void uidIsBase36TimeDashBase36Random() {
        String uid = new UidGenerator(() -> 1_700_000_000_000L).next();
        assertThat(uid).matches("[0-9a-z]{8}-[0-9a-z]{1,13}");
        assertThat(uid).startsWith(Long.toString(1_700_000_000_000L, 36) + "-");
    }

    @Test
    void uidsAreUniqueUnderConcurrentLoadWithinTheSameMillisecond() throws InterruptedException {
        UidGenerator generator = new UidGenerator(() -> 1_700_000_000_000L);
        Set<String> uids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            pool.execute(() -> {
                for (int i = 0; i < 50_000; i++) {
                    uids.add(generator.next());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(uids).hasSize(200_000);
    }

}
