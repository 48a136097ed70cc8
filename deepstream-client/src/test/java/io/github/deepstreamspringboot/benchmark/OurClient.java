package io.github.deepstreamspringboot.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.event.EventSubscription;
import io.github.deepstreamspringboot.client.record.Record;
import io.github.deepstreamspringboot.client.rpc.RpcProvider;

import static org.awaitility.Awaitility.await;

/**
 * The benchmark's workloads done with our client on one transport, each with fresh clients on the binary endpoint.
 * CPU is this JVM's process CPU over the measured part, both clients of a workload together.
 */
final class OurClient implements ClientBenchmark.Workloads, ClientBenchmark.ObjectWorkloads,
        ClientBenchmark.RecordWorkloads {

    /** Emits not yet handed to the socket that the sender allows itself, as the JS sender emits per turn. */
    private static final int EMIT_WINDOW = 1_000;

    private final String url;

    private final DeepstreamOptions options;

    private final ClientBenchmark.Cpu cpu = new ClientBenchmark.Cpu();

    OurClient(String url, TransportType transport) {
        this.url = url;
        this.options = DeepstreamOptions.builder().transport(transport).build();
    }

    private DeepstreamClient login(String username) throws Exception {
        DeepstreamClient client = DeepstreamClient.create(this.url, this.options);
        client.login(Map.of("username", username)).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public Map<String, Double> events(int count, String payload) throws Exception {
        try (DeepstreamClient sender = login("java-a"); DeepstreamClient receiver = login("java-b")) {
            AtomicInteger received = new AtomicInteger();
            String name = "bench/java/" + System.nanoTime();
            receiver.event().subscribe(name, (data) -> received.incrementAndGet())
                .whenSubscribed()
                .get(10, TimeUnit.SECONDS);
            Semaphore window = new Semaphore(EMIT_WINDOW);
            long cpuBefore = this.cpu.nanos();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                window.acquire();
                sender.event().emit(name, payload).whenComplete((ignored, failure) -> window.release());
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> received.get() >= count);
            return ClientBenchmark.rate("events/s", count, System.nanoTime() - start, this.cpu.nanos() - cpuBefore);
        }
    }

    @Override
    public Map<String, Double> rpc(int count, int inFlight, String payload) throws Exception {
        return calls("java", count, inFlight, (request, response) -> response.send(request.data()),
                (caller, name, id) -> caller.rpc().make(name, payload));
    }

    /** What a call of the RPC workload sends. */
    interface Call {

        CompletableFuture<?> make(DeepstreamClient caller, String name, int id);

    }

    /** Calls with a window in flight, answered by the provider given. */
    private Map<String, Double> calls(String prefix, int count, int inFlight, RpcProvider answer, Call call)
            throws Exception {
        try (DeepstreamClient caller = login(prefix + "-caller");
                DeepstreamClient provider = login(prefix + "-provider")) {
            String name = "bench-" + prefix + "-" + System.nanoTime();
            provider.rpc().provide(name, answer).whenProvided().get(10, TimeUnit.SECONDS);
            Semaphore window = new Semaphore(inFlight);
            AtomicInteger answered = new AtomicInteger();
            double[] micros = new double[count];
            long cpuBefore = this.cpu.nanos();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                window.acquire();
                int id = i;
                long sentAt = System.nanoTime();
                call.make(caller, name, id).whenComplete((result, failure) -> {
                    micros[id] = (System.nanoTime() - sentAt) / 1e3;
                    if (failure == null) {
                        answered.incrementAndGet();
                    }
                    window.release();
                });
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(1))
                .until(() -> answered.get() >= count);
            return ClientBenchmark.rpcFigures(count, System.nanoTime() - start, this.cpu.nanos() - cpuBefore, micros);
        }
    }

    @Override
    public Map<String, Double> objectBurst(int count, boolean typed) throws Exception {
        try (DeepstreamClient sender = login("java-oa"); DeepstreamClient receiver = login("java-ob")) {
            AtomicInteger received = new AtomicInteger();
            String name = "bench/java-objects/" + System.nanoTime();
            EventSubscription subscription = typed
                    ? receiver.event().subscribe(name, ClientBenchmark.Order.class, (order) -> received.incrementAndGet())
                    : receiver.event().subscribe(name, JsonNode.class, (tree) -> received.incrementAndGet());
            subscription.whenSubscribed().get(10, TimeUnit.SECONDS);
            long refusedBefore = sender.getStatistics().getOfflineQueueRejected();
            long droppedBefore = receiver.getStatistics().getSlowConsumerDropped();
            long cpuBefore = this.cpu.nanos();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                sender.event().emit(name, ClientBenchmark.Order.of(i));
            }
            // an emit the sender refused, or the receiver dropped for a handler that fell behind, never arrives
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5)).until(() -> received.get()
                    + (sender.getStatistics().getOfflineQueueRejected() - refusedBefore)
                    + (receiver.getStatistics().getSlowConsumerDropped() - droppedBefore) >= count);
            Map<String, Double> figures = ClientBenchmark.rate("events/s", received.get(), System.nanoTime() - start,
                    this.cpu.nanos() - cpuBefore);
            figures.put("deliveredPercent", 100.0 * received.get() / count);
            return figures;
        }
    }

    @Override
    public Map<String, Double> objectRpc(int count, int inFlight) throws Exception {
        return calls("java-objects", count, inFlight,
                (request, response) -> response.send(request.data(ClientBenchmark.Order.class)),
                (caller, name, id) -> caller.rpc().make(name, ClientBenchmark.Order.of(id), ClientBenchmark.Order.class));
    }

    @Override
    public Map<String, Double> connect(int count) throws Exception {
        return ClientBenchmark.connects(count, (i) -> login("java-connect-" + i));
    }

    /** Events A→B paced, each carrying its send time; the receiver's clock is the same JVM's. */
    @Override
    public Map<String, Double> latency(int count, int perSecond) throws Exception {
        try (DeepstreamClient sender = login("java-la"); DeepstreamClient receiver = login("java-lb")) {
            // preallocated: a growing list would make garbage, and the collector's pauses, of its own
            double[] micros = new double[count];
            AtomicInteger received = new AtomicInteger();
            String name = "bench/java-latency/" + System.nanoTime();
            receiver.event().subscribe(name, (data) -> {
                double latency = (System.nanoTime() - Long.parseLong(data.stringValue())) / 1e3;
                micros[received.getAndIncrement()] = latency;
            }).whenSubscribed().get(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * 1_000_000_000L / perSecond;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                sender.event().emit(name, String.valueOf(System.nanoTime()));
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> received.get() >= count);
            return ClientBenchmark.latencyFigures(micros);
        }
    }

    @Override
    public Map<String, Double> records(int count, String prefix) throws Exception {
        try (DeepstreamClient reader = login("java-reader")) {
            // one at a time: each record requested, read, discarded before the next
            double[] millis = new double[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                Record record = reader.record().getRecord(prefix + i);
                record.whenReady().get(10, TimeUnit.SECONDS);
                millis[i] = (System.nanoTime() - start) / 1e6;
                record.discard();
            }
            // all at once: every record requested, then waited for
            long start = System.nanoTime();
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                records.add(reader.record().getRecord(prefix + i));
            }
            CompletableFuture.allOf(records.stream().map(Record::whenReady).toArray(CompletableFuture[]::new))
                .get(1, TimeUnit.MINUTES);
            double allMillis = (System.nanoTime() - start) / 1e6;
            records.forEach(Record::discard);
            return ClientBenchmark.recordReadFigures(millis, allMillis);
        }
    }

    @Override
    public Map<String, Double> recordUpdates(int count) throws Exception {
        try (DeepstreamClient writer = login("java-writer"); DeepstreamClient reader = login("java-watcher")) {
            String name = "bench/java-record/" + System.nanoTime();
            Record written = writer.record().getRecord(name);
            Record watched = reader.record().getRecord(name);
            written.whenReady().get(10, TimeUnit.SECONDS);
            watched.whenReady().get(10, TimeUnit.SECONDS);
            AtomicInteger last = new AtomicInteger();
            watched.subscribe("n", Integer.class, last::set, false);
            long cpuBefore = this.cpu.nanos();
            long start = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                written.set("n", i);
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5)).until(() -> last.get() == count);
            return ClientBenchmark.rate("updates/s", count, System.nanoTime() - start, this.cpu.nanos() - cpuBefore);
        }
    }

}
