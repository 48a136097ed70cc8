/**
 * Annotation-driven deepstream handlers for Spring beans: {@link io.github.deepstreamspringboot.annotation.DeepstreamEventListener}
 * and {@link io.github.deepstreamspringboot.annotation.DeepstreamRpcProvider}.
 */
package io.github.deepstreamspringboot.annotation;
