/**
 * Listening for subscriptions, shared by events and records. Internal.
 */
package io.github.deepstreamspringboot.client.internal.listen;
