/**
 * Auto-configuration of the deepstream health indicator.
 */
@NullMarked
package io.github.deepstreamspringboot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
