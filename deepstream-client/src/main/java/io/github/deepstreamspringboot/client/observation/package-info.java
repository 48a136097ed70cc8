/**
 * Micrometer Observations of RPC calls made and answered and of events emitted, with replaceable conventions.
 */
package io.github.deepstreamspringboot.client.observation;
