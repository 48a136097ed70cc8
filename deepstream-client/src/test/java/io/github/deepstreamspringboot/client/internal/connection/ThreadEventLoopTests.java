package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The production event loop: order, timers, cancellation, failures and shutdown, on its real thread.
 */
class ThreadEventLoopTests {

    private final ThreadEventLoop loop = new ThreadEventLoop("test-loop");

    @AfterEach
    void stop() {
        this.loop.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void tasksFromManyThreadsRunOneAtATimeInTheOrderEachThreadQueuedThem() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        List<Thread> producers = IntStream.range(0, 4).mapToObj((producer) -> new Thread(() -> {
            for (int i = 0; i < 10_000; i++) {
                String label = producer + ":" + i;
                this.loop.execute(() -> {
                    overlapped.compareAndSet(false, running.incrementAndGet() > 1 || !this.loop.inEventLoop());
                    ran.add(label);
                    running.decrementAndGet();
                });
            }
        })).toList();
        producers.forEach(Thread::start);
        for (Thread producer : producers) {
            producer.join();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.size() == 40_000);
        assertThat(overlapped).isFalse();
        for (int producer = 0; producer < 4; producer++) {
            String prefix = producer + ":";
            List<String> snapshot = List.copyOf(ran);
            assertThat(snapshot.stream().filter((label) -> label.startsWith(prefix)).map((label) -> label.substring(2))
                .map(Integer::parseInt)).isSorted().hasSize(10_000);
        }
    }

    @Test
    void timersFireInDeadlineOrderAndACancelledOneNever() {
        List<String> fired = new CopyOnWriteArrayList<>();
        this.loop.schedule(() -> fired.add("late"), Duration.ofMillis(300));
        EventLoop.Cancellable cancelled = this.loop.schedule(() -> fired.add("cancelled"), Duration.ofMillis(100));
        this.loop.schedule(() -> fired.add("early"), Duration.ofMillis(50));
        this.loop.schedule(() -> fired.add("now"), Duration.ZERO);
        cancelled.cancel();
        await().atMost(Duration.ofSeconds(10)).until(() -> fired.contains("late"));
        assertThat(fired).containsExactly("now", "early", "late");
    }

    @Test
    void manyCancelledTimersAreSweptAndTheLiveOnesStillFire() {
        AtomicInteger fired = new AtomicInteger();
        CountDownLatch armed = new CountDownLatch(1);
        this.loop.execute(() -> {
            for (int i = 0; i < 5_000; i++) {
                this.loop.schedule(fired::incrementAndGet, Duration.ofMinutes(10)).cancel();
            }
            armed.countDown();
        });
        this.loop.schedule(fired::incrementAndGet, Duration.ofMillis(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> armed.getCount() == 0 && fired.get() == 1);
    }

    @Test
    void aThrowingTaskDoesNotStopTheLoop() {
        AtomicBoolean after = new AtomicBoolean();
        this.loop.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        this.loop.execute(() -> after.set(true));
        await().atMost(Duration.ofSeconds(10)).untilTrue(after);
    }

    @Test
    void shutdownRunsWhatWasQueuedDropsTimersAndThenRejects() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean queuedRan = new AtomicBoolean();
        AtomicBoolean timerRan = new AtomicBoolean();
        this.loop.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        this.loop.execute(() -> queuedRan.set(true));
        this.loop.schedule(() -> timerRan.set(true), Duration.ofMillis(1));
        AtomicBoolean finished = new AtomicBoolean();
        Thread stopper = new Thread(() -> finished.set(this.loop.shutdown(Duration.ofSeconds(10))));
        stopper.start();
        // the stopper waits for the loop only once the shutdown has begun: then the blocked task may end
        await().atMost(Duration.ofSeconds(10)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
        release.countDown();
        stopper.join(10_000);
        assertThat(finished).isTrue();
        assertThat(queuedRan).isTrue();
        assertThat(timerRan).isFalse();
        assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.loop.execute(() -> {
        }));
    }

}
