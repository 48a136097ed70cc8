package io.github.deepstreamspringboot.client;

/**
 * Told about every error the client encounters, on the client's callback thread.
 */
@FunctionalInterface
public interface ErrorListener {

    /**
     * Called once per error.
     * @param error the error
     */
    void onError(DeepstreamError error);

}
