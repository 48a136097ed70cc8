/**
 * deepstream remote procedure calls: providing named procedures and calling them.
 */
package io.github.deepstreamspringboot.client.rpc;
