/**
 * Annotation-driven deepstream handlers for Spring beans: {@link io.github.deepstreamspringboot.annotation.DeepstreamEventListener}
 * and {@link io.github.deepstreamspringboot.annotation.DeepstreamRpcProvider}.
 */
@NullMarked
package io.github.deepstreamspringboot.annotation;

import org.jspecify.annotations.NullMarked;
