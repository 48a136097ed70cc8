package io.github.deepstreamspringboot.client.internal.observation;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.observation.DefaultEventObservationConvention;
import io.github.deepstreamspringboot.client.observation.DefaultRecordWriteObservationConvention;
import io.github.deepstreamspringboot.client.observation.DefaultRpcObservationConvention;
import io.github.deepstreamspringboot.client.observation.EventObservationContext;
import io.github.deepstreamspringboot.client.observation.EventObservationConvention;
import io.github.deepstreamspringboot.client.observation.RecordWriteObservationContext;
import io.github.deepstreamspringboot.client.observation.RecordWriteObservationConvention;
import io.github.deepstreamspringboot.client.observation.RpcObservationContext;
import io.github.deepstreamspringboot.client.observation.RpcObservationConvention;

/**
 * Starts and stops the client's observations. With the default {@link ObservationRegistry#NOOP} the per-message
 * ones (events emitted and delivered, calls answered) are skipped outright while the registry is a no-op (asked each
 * time: handlers may be added later): even a no-op observation allocates its context and opens a scope, which
 * touches a thread-local, on every message.
 *
 * <p><b>Thread model.</b> Thread-safe and stateless. Observations of calls made start on the caller's thread and stop
 * on the client's callback thread; those of calls answered and of events delivered cover the provider's or handler's
 * run on the handler thread, with their scope open there, so that tracing reaches that code.
 */
public final class DeepstreamObservations {

    private static final RpcObservationConvention DEFAULT_RPC = new DefaultRpcObservationConvention();

    private static final EventObservationConvention DEFAULT_EVENT = new DefaultEventObservationConvention();

    private static final RecordWriteObservationConvention DEFAULT_RECORD_WRITE =
            new DefaultRecordWriteObservationConvention();

    private final String clientName;

    private final ObservationRegistry registry;

    private final RpcObservationConvention rpcConvention;

    private final EventObservationConvention eventConvention;

    private final RecordWriteObservationConvention recordWriteConvention;

    /**
     * @param clientName the observing client's name, {@code DeepstreamOptions.name()}
     * @param registry where observations go
     * @param rpcConvention a custom RPC convention, or {@code null} for the default
     * @param eventConvention a custom event convention, or {@code null} for the default
     * @param recordWriteConvention a custom record write convention, or {@code null} for the default
     */
    private DeepstreamObservations(String clientName, ObservationRegistry registry,
            @Nullable RpcObservationConvention rpcConvention, @Nullable EventObservationConvention eventConvention,
            @Nullable RecordWriteObservationConvention recordWriteConvention) {
        this.clientName = clientName;
        this.registry = registry;
        this.rpcConvention = rpcConvention;
        this.eventConvention = eventConvention;
        this.recordWriteConvention = recordWriteConvention;
    }

    /**
     * @param options the client's options: its name, registry and conventions
     * @return the client's observations
     */
    public static DeepstreamObservations of(DeepstreamOptions options) {
        return new DeepstreamObservations(options.name(), options.observationRegistry(),
                options.rpcObservationConvention(), options.eventObservationConvention(),
                options.recordWriteObservationConvention());
    }

    /** @return observations that observe nothing */
    public static DeepstreamObservations none() {
        return new DeepstreamObservations(DeepstreamOptions.DEFAULT_NAME, ObservationRegistry.NOOP, null, null, null);
    }

    /**
     * Observes a record write with acknowledgement, from now until the server acknowledges it or it fails.
     * @param recordName the record
     * @param acknowledged completes when the server stored the write
     * @return completes as {@code acknowledged} does, once the observation has stopped
     */
    public CompletableFuture<Void> recordWrite(String recordName, CompletableFuture<Void> acknowledged) {
        RecordWriteObservationContext context = new RecordWriteObservationContext(this.clientName, recordName);
        Observation observation = Observation.createNotStarted(this.recordWriteConvention, DEFAULT_RECORD_WRITE,
                () -> context, this.registry).start();
        // a future of its own, so that a failure reaches the caller as it is, not wrapped
        CompletableFuture<Void> result = new CompletableFuture<>();
        acknowledged.whenComplete((ignored, failure) -> {
            context.setOutcome((failure == null) ? "stored" : "failed");
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
            if (failure != null) {
                result.completeExceptionally(failure);
            }
            else {
                result.complete(null);
            }
        });
        return result;
    }

    /**
     * Starts the observation of a call made.
     * @param rpcName the RPC
     * @return the started observation, to give to {@link #callEnded}
     */
    public Observation callStarted(String rpcName) {
        RpcObservationContext context = new RpcObservationContext(this.clientName, rpcName,
                RpcObservationContext.Side.CLIENT);
        return Observation.createNotStarted(this.rpcConvention, DEFAULT_RPC, () -> context, this.registry).start();
    }

    /**
     * Stops the observation of a call made.
     * @param observation what {@link #callStarted} returned
     * @param outcome {@code success} or the {@code RpcErrorKind}
     * @param failure how the call failed, or {@code null}
     */
    public void callEnded(Observation observation, String outcome, @Nullable Throwable failure) {
        if (observation.getContext() instanceof RpcObservationContext context) {
            context.setOutcome(outcome);
        }
        if (failure != null) {
            observation.error(failure);
        }
        observation.stop();
    }

    /**
     * Observes a provider answering a call: runs it within the observation's scope.
     * @param rpcName the RPC
     * @param provider runs the provider
     * @param outcome tells the outcome once the provider returned ({@code pending} if it answers later)
     */
    public void answer(String rpcName, Runnable provider, Supplier<String> outcome) {
        if (this.registry.isNoop()) {
            provider.run();
            return;
        }
        RpcObservationContext context = new RpcObservationContext(this.clientName, rpcName,
                RpcObservationContext.Side.SERVER);
        Observation observation = Observation.createNotStarted(this.rpcConvention, DEFAULT_RPC, () -> context,
                this.registry).start();
        try (Observation.Scope scope = observation.openScope()) {
            provider.run();
        }
        catch (RuntimeException | Error ex) {
            observation.error(ex);
            throw ex;
        }
        finally {
            context.setOutcome(outcome.get());
            observation.stop();
        }
    }

    /**
     * Observes the delivery of an event to one subscriber: runs it within the observation's scope.
     * @param eventName the event
     * @param delivery runs the subscriber's handler; returns whether it handled the event without failing
     */
    public void deliver(String eventName, BooleanSupplier delivery) {
        if (this.registry.isNoop()) {
            delivery.getAsBoolean();
            return;
        }
        EventObservationContext context = new EventObservationContext(this.clientName, eventName,
                EventObservationContext.Operation.DELIVER);
        Observation observation = Observation.createNotStarted(this.eventConvention, DEFAULT_EVENT, () -> context,
                this.registry).start();
        boolean handled = false;
        try (Observation.Scope scope = observation.openScope()) {
            handled = delivery.getAsBoolean();
        }
        finally {
            context.setOutcome(handled ? "handled" : "failed");
            observation.stop();
        }
    }

    /**
     * Observes an emit.
     * @param eventName the event
     * @param accepted whether the client accepted it (sent, or queued while offline)
     */
    public void emitted(String eventName, boolean accepted) {
        if (this.registry.isNoop()) {
            return;
        }
        EventObservationContext context = new EventObservationContext(this.clientName, eventName,
                EventObservationContext.Operation.EMIT);
        Observation observation = Observation
            .createNotStarted(this.eventConvention, DEFAULT_EVENT, () -> context, this.registry)
            .start();
        // the outcome after the start, as for every other observation: in-flight measures carry none
        context.setOutcome(accepted ? "sent" : "refused");
        observation.stop();
    }

}
