/**
 * deepstream records and lists: JSON documents synced between clients, with versions, merge strategies and write
 * acknowledgements.
 */
@NullMarked
package io.github.deepstreamspringboot.client.record;

import org.jspecify.annotations.NullMarked;
