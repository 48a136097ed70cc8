package io.github.deepstreamspringboot.client.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What every observation of a deepstream client knows: the client's name and, once the operation has ended, its
 * outcome. The client sets the outcome on the thread that ends the operation, before the observation stops. Only this
 * package extends it (its constructor is package-private; not {@code sealed}, whose listing differs between JDKs).
 */
public abstract class DeepstreamObservationContext extends Observation.Context {

    private final String clientName;

    private volatile @Nullable String outcome;

    DeepstreamObservationContext(String clientName) {
        this.clientName = clientName;
    }

    /** @return the name of the client that observes ({@code DeepstreamOptions.name()}): the {@code client} tag */
    public String getClientName() {
        return this.clientName;
    }

    /**
     * Returns the outcome, which each context describes; {@code null} while the operation runs, so that what
     * measures operations in flight carries no outcome.
     * @return the outcome, or {@code null} until the operation ended
     */
    public @Nullable String getOutcome() {
        return this.outcome;
    }

    /**
     * Sets the outcome; the client does, when the operation ends.
     * @param outcome the outcome, as {@link #getOutcome()} describes it
     */
    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

}
