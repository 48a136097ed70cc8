/**
 * The engine behind the public API: the client's implementation and what its features share. Nothing under {@code
 * internal} is API: it may change in any release, and applications should not use it (the project's own modules do).
 */
package io.github.deepstreamspringboot.client.internal;
