/**
 * deepstream presence: who is online, and notifications when users come and go.
 */
package io.github.deepstreamspringboot.client.presence;
