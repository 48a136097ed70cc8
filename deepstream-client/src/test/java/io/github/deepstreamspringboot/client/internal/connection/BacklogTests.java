package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Backlog}: its bound in bytes, and what a caller meets when it is full.
 */
class BacklogTests {

    @Test
    void refusesAtOnceWhenFullAndTakesRoomBackOnRelease() {
        Backlog backlog = new Backlog(1000, Duration.ZERO);
        assertThat(backlog.acquire(600)).isTrue();
        assertThat(backlog.acquire(600)).isFalse();
        assertThat(backlog.acquire(400)).isTrue();
        assertThat(backlog.messages()).isEqualTo(2);
        backlog.release(600);
        assertThat(backlog.acquire(600)).isTrue();
        assertThat(backlog.bytes()).isEqualTo(1000);
    }

    @Test
    void aMessageLargerThanTheBoundPassesAlone() {
        Backlog backlog = new Backlog(1000, Duration.ZERO);
        assertThat(backlog.acquire(5000)).isTrue();
        assertThat(backlog.acquire(1)).isFalse();
        backlog.release(5000);
        assertThat(backlog.bytes()).isZero();
    }

    @Test
    void aCallerWaitsForRoomUpToTheMaxWait() throws Exception {
        Backlog backlog = new Backlog(1000, Duration.ofSeconds(30));
        assertThat(backlog.acquire(1000)).isTrue();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> backlog.acquire(500));
        // it waits: nothing is freed until the release below
        await().until(() -> backlog.waiters() == 1);
        assertThat(waiting).isNotDone();
        backlog.release(1000);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCallerThatWaitedInVainIsRefused() {
        Backlog backlog = new Backlog(1000, Duration.ofMillis(50));
        assertThat(backlog.acquire(1000)).isTrue();
        long start = System.nanoTime();
        assertThat(backlog.acquire(1)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void theClientsOwnThreadsNeverWait() throws Exception {
        Backlog backlog = new Backlog(1000, Duration.ofMinutes(5));
        assertThat(backlog.acquire(1000)).isTrue();
        CompletableFuture<Boolean> onClientThread = new CompletableFuture<>();
        Thread thread = new ClientThread(() -> onClientThread.complete(backlog.acquire(1)), "test-client-thread");
        thread.start();
        assertThat(onClientThread.get(10, TimeUnit.SECONDS)).isFalse();
    }

}
