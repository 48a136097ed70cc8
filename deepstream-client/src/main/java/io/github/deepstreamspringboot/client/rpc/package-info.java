/**
 * deepstream remote procedure calls: providing named procedures and calling them.
 */
@NullMarked
package io.github.deepstreamspringboot.client.rpc;

import org.jspecify.annotations.NullMarked;
