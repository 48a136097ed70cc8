/**
 * Implementation of {@link io.github.deepstreamspringboot.client.event.EventClient}. Internal.
 */
package io.github.deepstreamspringboot.client.internal.event;
