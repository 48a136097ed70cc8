/**
 * Micrometer Observations of RPC calls made and answered and of events emitted, with replaceable conventions.
 */
@NullMarked
package io.github.deepstreamspringboot.client.observation;

import org.jspecify.annotations.NullMarked;
