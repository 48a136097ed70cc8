package io.github.deepstreamspringboot.client;

/**
 * A handle to something registered with the client (a listener, later a subscription); closing it removes the
 * registration. Closing twice does nothing.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Removes the registration. */
    @Override
    void close();

}
