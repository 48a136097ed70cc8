/**
 * Spring Boot auto-configuration of a managed {@link io.github.deepstreamspringboot.client.DeepstreamClient}: properties,
 * lifecycle, login on start-up, application events, a local development server, health and metrics.
 */
@NullMarked
package io.github.deepstreamspringboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
