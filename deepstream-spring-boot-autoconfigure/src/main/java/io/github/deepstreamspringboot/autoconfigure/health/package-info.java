/**
 * Auto-configuration of the deepstream health indicator.
 */
package io.github.deepstreamspringboot.autoconfigure.health;
