package io.github.deepstreamspringboot.benchmark;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.awaitility.Awaitility.await;

/**
 * The raw floor: the benchmark's workloads done with {@link RawClient}s and hand-built frames, no deepstream client
 * at all. What the socket stack and the server cost; our client's figures over these are what its own logic costs.
 * Sends happen on the calling thread (the sender) or on Tomcat's I/O thread (answers), each session with one sending
 * thread at a time.
 */
final class RawFloor implements ClientBenchmark.Workloads {

    private final String url;

    private final RawSocket.Opener opener;

    private final ClientBenchmark.Cpu cpu = new ClientBenchmark.Cpu();

    /**
     * @param url the server
     * @param opener the transport: {@link RawClient#login} (Tomcat, as our client), {@link JdkRawSocket#login} or
     * {@link NettyRawSocket#login}
     */
    RawFloor(String url, RawSocket.Opener opener) {
        this.url = url;
        this.opener = opener;
    }

    @Override
    public Map<String, Double> events(int count, String payload) throws Exception {
        try (RawSocket sender = this.opener.login(this.url, "raw-a");
                RawSocket receiver = this.opener.login(this.url, "raw-b")) {
            String name = "bench/raw/" + System.nanoTime();
            receiver.subscribe(name);
            AtomicInteger received = new AtomicInteger();
            receiver.onFrame((frame) -> received.incrementAndGet());
            byte[] emit = RawFrames.eventEmit(name, "\"" + payload + "\"");
            long cpuBefore = this.cpu.nanos();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                sender.send(emit);
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> received.get() >= count);
            return ClientBenchmark.rate("events/s", count, System.nanoTime() - start, this.cpu.nanos() - cpuBefore);
        }
    }

    @Override
    public Map<String, Double> rpc(int count, int inFlight, String payload) throws Exception {
        try (RawSocket caller = this.opener.login(this.url, "raw-caller");
                RawSocket provider = this.opener.login(this.url, "raw-provider")) {
            String name = "bench-raw-" + System.nanoTime();
            provider.send(RawFrames.rpcProvide(name, "p1"));
            provider.expect(RawFrames.RPC, 8);
            String json = "\"" + payload + "\"";
            provider.onFrame((request) -> {
                try {
                    provider.send(RawFrames.rpcResponse(name, RawFrames.string(request, 3), json));
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            Semaphore window = new Semaphore(inFlight);
            AtomicInteger answered = new AtomicInteger();
            long[] sentAt = new long[count];
            double[] micros = new double[count];
            caller.onFrame((response) -> {
                int id = Integer.parseInt(RawFrames.string(response, 3));
                micros[id] = (System.nanoTime() - sentAt[id]) / 1e3;
                answered.incrementAndGet();
                window.release();
            });
            long cpuBefore = this.cpu.nanos();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                window.acquire();
                sentAt[i] = System.nanoTime();
                caller.send(RawFrames.rpcRequest(name, Integer.toString(i), json));
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(1))
                .until(() -> answered.get() >= count);
            return ClientBenchmark.rpcFigures(count, System.nanoTime() - start, this.cpu.nanos() - cpuBefore, micros);
        }
    }

    @Override
    public Map<String, Double> connect(int count) throws Exception {
        return ClientBenchmark.connects(count, (i) -> this.opener.login(this.url, "raw-connect-" + i));
    }

    @Override
    public Map<String, Double> latency(int count, int perSecond) throws Exception {
        try (RawSocket sender = this.opener.login(this.url, "raw-la");
                RawSocket receiver = this.opener.login(this.url, "raw-lb")) {
            String name = "bench/raw-latency/" + System.nanoTime();
            receiver.subscribe(name);
            double[] micros = new double[count];
            AtomicInteger received = new AtomicInteger();
            receiver.onFrame((frame) -> {
                String json = RawFrames.string(frame, 2);
                long sentAt = Long.parseLong(json, 1, json.length() - 1, 10);
                micros[received.getAndIncrement()] = (System.nanoTime() - sentAt) / 1e3;
            });
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * 1_000_000_000L / perSecond;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                sender.send(RawFrames.eventEmit(name, "\"" + System.nanoTime() + "\""));
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> received.get() >= count);
            return ClientBenchmark.latencyFigures(micros);
        }
    }

}
