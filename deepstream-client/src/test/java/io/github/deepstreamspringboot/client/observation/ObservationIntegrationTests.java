package io.github.deepstreamspringboot.client.observation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.rpc.RpcErrorKind;
import io.github.deepstreamspringboot.client.rpc.RpcException;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Observations of RPC calls made and answered and of events emitted, against the real server.
 */
class ObservationIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    /** Every context stopped, in order, for the details the registry's assertions do not reach. */
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    /** The low-cardinality key values of every observation as it started: what in-flight measures are tagged with. */
    private final List<KeyValues> atStart = new CopyOnWriteArrayList<>();

    ObservationIntegrationTests() {
        this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

            @Override
            public void onStart(Observation.Context context) {
                ObservationIntegrationTests.this.atStart.add(context.getLowCardinalityKeyValues());
            }

            @Override
            public void onStop(Observation.Context context) {
                ObservationIntegrationTests.this.stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

        });
    }

    private DeepstreamClient observed(String user, DeepstreamOptions.Builder options) throws Exception {
        DeepstreamClient client = DeepstreamClient.create(server.server().binaryUrl(),
                options.observationRegistry(this.registry).build());
        client.login(Map.of("username", user)).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void oneObservationPerCallMadePerCallAnsweredPerEmitAndPerDelivery() throws Exception {
        AtomicReference<Observation> inProvider = new AtomicReference<>();
        try (DeepstreamClient provider = observed("provider", DeepstreamOptions.builder().name("provider"));
                DeepstreamClient caller = observed("caller", DeepstreamOptions.builder().name("caller"))) {
            provider.rpc().provide("observed/echo", (request, response) -> {
                // the provider runs within its observation's scope, so that tracing reaches its code
                inProvider.set(this.registry.getCurrentObservation());
                response.send(request.data());
            }).whenProvided().get(10, TimeUnit.SECONDS);
            assertThat(caller.rpc().make("observed/echo", "hi", String.class).get(10, TimeUnit.SECONDS))
                .isEqualTo("hi");
            assertThatExceptionOfType(Exception.class)
                .isThrownBy(() -> caller.rpc().make("observed/nobody", "hi").get(10, TimeUnit.SECONDS))
                .havingCause()
                .isInstanceOf(RpcException.class)
                .matches((ex) -> ((RpcException) ex).getRpcErrorKind() == RpcErrorKind.NO_RPC_PROVIDER);
            AtomicReference<Observation> inHandler = new AtomicReference<>();
            provider.event()
                .subscribe("observed/news/42", (data) -> inHandler.set(this.registry.getCurrentObservation()))
                .whenSubscribed()
                .get(10, TimeUnit.SECONDS);
            caller.event().emit("observed/news/42", "payload").get(10, TimeUnit.SECONDS);

            await().until(() -> this.stopped.size() >= 5);
            assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("deepstream.rpc", 3)
                .hasNumberOfObservationsWithNameEqualTo("deepstream.event", 2);
            assertThat(this.stopped).hasSize(5);
            assertThat(inHandler.get().getContext()).isInstanceOf(EventObservationContext.class);
            assertThat(keyValues("client", "observed/echo")).containsExactlyInAnyOrder(KeyValue.of("client", "caller"),
                    KeyValue.of("deepstream.rpc.name", "observed/echo"), KeyValue.of("deepstream.rpc.side", "client"),
                    KeyValue.of("outcome", "success"));
            assertThat(keyValues("server", "observed/echo")).contains(KeyValue.of("client", "provider"),
                    KeyValue.of("deepstream.rpc.side", "server"), KeyValue.of("outcome", "success"));
            assertThat(keyValues("client", "observed/nobody")).contains(
                    KeyValue.of("outcome", "NO_RPC_PROVIDER"));
            // an outcome is known only at the end: in-flight measures (long task timers) carry none
            assertThat(this.atStart).hasSize(5).noneMatch((keyValues) -> keyValues.stream()
                .anyMatch((keyValue) -> keyValue.getKey().equals("outcome")));
            assertThat(inProvider.get()).isNotNull();
            assertThat(inProvider.get().getContext()).isInstanceOf(RpcObservationContext.class);
            assertThat(this.stopped.stream()
                .filter(EventObservationContext.class::isInstance)
                .map(EventObservationContext.class::cast)).satisfiesExactlyInAnyOrder(
                    (emit) -> assertThat(emit.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
                            KeyValue.of("client", "caller"), KeyValue.of("deepstream.event.operation", "emit"),
                            KeyValue.of("outcome", "sent")),
                    (delivery) -> assertThat(delivery.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
                            KeyValue.of("client", "provider"), KeyValue.of("deepstream.event.operation", "deliver"),
                            KeyValue.of("outcome", "handled")));
            // the event name is high cardinality: never among the low-cardinality key values
            assertThat(this.stopped.stream().filter(EventObservationContext.class::isInstance))
                .allSatisfy((context) -> assertThat(context.getHighCardinalityKeyValues())
                    .containsExactly(KeyValue.of("deepstream.event.name", "observed/news/42")));
        }
    }

    @Test
    void recordWritesWithAckAreObservedUntilTheServerStoredThem() throws Exception {
        try (DeepstreamClient writer = observed("writer", DeepstreamOptions.builder())) {
            writer.record().setDataWithAck("observed/record-1", Map.of("a", 1)).get(10, TimeUnit.SECONDS);
            writer.record().getRecord("observed/record-2").whenReady().get(10, TimeUnit.SECONDS)
                .setWithAck("b", 2)
                .get(10, TimeUnit.SECONDS);
            await().until(() -> this.stopped.stream().filter(RecordWriteObservationContext.class::isInstance)
                .count() == 2);
            assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("deepstream.record.write", 2);
            assertThat(this.stopped.stream()
                .filter(RecordWriteObservationContext.class::isInstance)
                .map(RecordWriteObservationContext.class::cast))
                .allSatisfy((context) -> assertThat(context.getLowCardinalityKeyValues())
                    .containsExactlyInAnyOrder(KeyValue.of("client", "deepstream"), KeyValue.of("outcome", "stored")))
                .extracting(RecordWriteObservationContext::getRecordName)
                .containsExactlyInAnyOrder("observed/record-1", "observed/record-2");
        }
    }

    @Test
    void aCustomConventionReplacesTheDefault() throws Exception {
        RpcObservationConvention custom = new DefaultRpcObservationConvention() {

            @Override
            public String getName() {
                return "deepstream.custom.rpc";
            }

        };
        try (DeepstreamClient caller = observed("custom", DeepstreamOptions.builder()
            .rpcObservationConvention(custom))) {
            assertThatExceptionOfType(Exception.class)
                .isThrownBy(() -> caller.rpc().make("observed/nobody", "hi").get(10, TimeUnit.SECONDS));
            await().until(() -> !this.stopped.isEmpty());
            assertThat(this.registry).hasObservationWithNameEqualTo("deepstream.custom.rpc");
        }
    }

    private KeyValues keyValues(String side, String rpcName) {
        return this.stopped.stream()
            .filter(RpcObservationContext.class::isInstance)
            .map(RpcObservationContext.class::cast)
            .filter((context) -> context.getRpcName().equals(rpcName)
                    && context.getSide().name().equalsIgnoreCase(side))
            .findFirst()
            .orElseThrow()
            .getLowCardinalityKeyValues();
    }

}
