/**
 * deepstream records and lists: JSON documents synced between clients, with versions, merge strategies and write
 * acknowledgements.
 */
package io.github.deepstreamspringboot.client.record;
