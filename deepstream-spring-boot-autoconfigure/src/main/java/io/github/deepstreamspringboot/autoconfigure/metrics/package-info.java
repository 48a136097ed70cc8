/**
 * Auto-configuration of deepstream's Micrometer metrics.
 */
package io.github.deepstreamspringboot.autoconfigure.metrics;
