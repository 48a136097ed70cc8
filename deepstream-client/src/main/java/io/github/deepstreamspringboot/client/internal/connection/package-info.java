/**
 * The client and its connection: {@link io.github.deepstreamspringboot.client.internal.connection.DefaultDeepstreamClient}
 * over the state machine ({@code ConnectionEngine}), its event loop, the socket's writer, the WebSocket transport,
 * reconnection back-off, heartbeats and the offline queue, and the features' port to it
 * ({@link io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection}). Internal to the client:
 * applications use {@link io.github.deepstreamspringboot.client.DeepstreamClient}.
 */
package io.github.deepstreamspringboot.client.internal.connection;
