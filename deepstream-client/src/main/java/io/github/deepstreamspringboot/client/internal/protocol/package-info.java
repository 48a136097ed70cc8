/**
 * deepstream's wire protocol: topics, actions, the {@link io.github.deepstreamspringboot.client.internal.protocol.Message}
 * model and the codecs that turn messages into WebSocket frames and back. Nothing outside this package knows how a
 * message is encoded.
 */
package io.github.deepstreamspringboot.client.internal.protocol;
