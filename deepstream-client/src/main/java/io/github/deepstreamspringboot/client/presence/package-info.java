/**
 * deepstream presence: who is online, and notifications when users come and go.
 */
@NullMarked
package io.github.deepstreamspringboot.client.presence;

import org.jspecify.annotations.NullMarked;
