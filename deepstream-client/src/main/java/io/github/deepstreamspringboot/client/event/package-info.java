/**
 * deepstream events: publish/subscribe by name, and listening for subscriptions to provide events actively.
 */
package io.github.deepstreamspringboot.client.event;
