/**
 * Auto-configuration of deepstream's Micrometer metrics.
 */
@NullMarked
package io.github.deepstreamspringboot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
