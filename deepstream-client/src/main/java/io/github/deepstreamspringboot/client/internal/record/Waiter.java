package io.github.deepstreamspringboot.client.internal.record;

import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.internal.connection.EventLoop;

/**
 * A future of a record operation waiting for the server, with its deadline.
 *
 * @param <T> the result type
 */
final class Waiter<T> {

    final String name;

    final CompletableFuture<T> future = new CompletableFuture<>();

    EventLoop.Cancellable timer;

    Waiter(String name) {
        this.name = name;
    }

}
