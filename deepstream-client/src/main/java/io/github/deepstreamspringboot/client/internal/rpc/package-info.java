/**
 * Implementation of {@link io.github.deepstreamspringboot.client.rpc.RpcClient}: calls made, requests provided, and
 * their responses. Internal.
 */
package io.github.deepstreamspringboot.client.internal.rpc;
