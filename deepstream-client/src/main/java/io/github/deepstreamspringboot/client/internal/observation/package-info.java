/**
 * Starts and stops the Micrometer observations whose contexts and conventions are in {@link
 * io.github.deepstreamspringboot.client.observation}. Internal.
 */
package io.github.deepstreamspringboot.client.internal.observation;
