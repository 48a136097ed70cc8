/**
 * Actuator support: the deepstream health indicator and Micrometer metrics. Wired by the auto-configurations in
 * {@code autoconfigure.health} and {@code autoconfigure.metrics}, only when those modules are present.
 */
@NullMarked
package io.github.deepstreamspringboot.actuate;

import org.jspecify.annotations.NullMarked;
