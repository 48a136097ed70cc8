/**
 * The public API of the deepstream Java client: {@link io.github.deepstreamspringboot.client.DeepstreamClient},
 * its options, connection states, errors and listeners. Free of Spring Boot types so that it can be used on its own.
 */
@NullMarked
package io.github.deepstreamspringboot.client;

import org.jspecify.annotations.NullMarked;
