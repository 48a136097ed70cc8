/**
 * deepstream events: publish/subscribe by name, and listening for subscriptions to provide events actively.
 */
@NullMarked
package io.github.deepstreamspringboot.client.event;

import org.jspecify.annotations.NullMarked;
