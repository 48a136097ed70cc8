/**
 * Implementation of {@link io.github.deepstreamspringboot.client.presence.PresenceClient}. Internal.
 */
package io.github.deepstreamspringboot.client.internal.presence;
