/**
 * The client's connection: the state machine ({@link io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection}),
 * its event loop, the WebSocket transport, reconnection back-off, heartbeats and the offline queue. Internal to the
 * client: applications use {@link io.github.deepstreamspringboot.client.DeepstreamClient}.
 */
package io.github.deepstreamspringboot.client.internal.connection;
