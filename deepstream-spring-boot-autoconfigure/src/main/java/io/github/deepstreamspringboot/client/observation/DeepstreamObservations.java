package io.github.deepstreamspringboot.client.observation;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Starts and stops the client's observations. With the default {@link ObservationRegistry#NOOP} every observation
 * is a no-op and costs next to nothing.
 *
 * <p><b>Thread model.</b> Thread-safe and stateless. Observations of calls made start on the caller's thread and stop
 * on the client's callback thread; those of calls answered cover the provider's run on the handler thread, with
 * their scope open there, so that tracing reaches the provider's code.
 */
public final class DeepstreamObservations {

    private static final RpcObservationConvention DEFAULT_RPC = new DefaultRpcObservationConvention();

    private static final EventObservationConvention DEFAULT_EVENT = new DefaultEventObservationConvention();

    private final ObservationRegistry registry;

    private final RpcObservationConvention rpcConvention;

    private final EventObservationConvention eventConvention;

    /**
     * @param registry where observations go
     * @param rpcConvention a custom RPC convention, or {@code null} for the default
     * @param eventConvention a custom event convention, or {@code null} for the default
     */
    public DeepstreamObservations(ObservationRegistry registry, RpcObservationConvention rpcConvention,
            EventObservationConvention eventConvention) {
        this.registry = registry;
        this.rpcConvention = rpcConvention;
        this.eventConvention = eventConvention;
    }

    /** @return observations that observe nothing */
    public static DeepstreamObservations none() {
        return new DeepstreamObservations(ObservationRegistry.NOOP, null, null);
    }

    /**
     * Starts the observation of a call made.
     * @param rpcName the RPC
     * @return the started observation, to give to {@link #callEnded}
     */
    public Observation callStarted(String rpcName) {
        RpcObservationContext context = new RpcObservationContext(rpcName, RpcObservationContext.Side.CLIENT);
        return Observation.createNotStarted(this.rpcConvention, DEFAULT_RPC, () -> context, this.registry).start();
    }

    /**
     * Stops the observation of a call made.
     * @param observation what {@link #callStarted} returned
     * @param outcome {@code success} or the {@code RpcErrorKind}
     * @param failure how the call failed, or {@code null}
     */
    public void callEnded(Observation observation, String outcome, Throwable failure) {
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
        RpcObservationContext context = new RpcObservationContext(rpcName, RpcObservationContext.Side.SERVER);
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
     * Observes an emit.
     * @param eventName the event
     * @param accepted whether the client accepted it (sent, or queued while offline)
     */
    public void emitted(String eventName, boolean accepted) {
        EventObservationContext context = new EventObservationContext(eventName);
        context.setOutcome(accepted ? "sent" : "refused");
        Observation.createNotStarted(this.eventConvention, DEFAULT_EVENT, () -> context, this.registry)
            .start()
            .stop();
    }

}
