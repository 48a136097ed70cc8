/**
 * The record engine behind {@link io.github.deepstreamspringboot.client.record.RecordClient}: record state on the
 * event loop, versions, conflicts, write acknowledgements, lists. Internal.
 */
package io.github.deepstreamspringboot.client.internal.record;
