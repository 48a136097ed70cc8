/**
 * Listening: active providers of events and records, told when names matching their patterns gain or lose
 * subscribers.
 */
@NullMarked
package io.github.deepstreamspringboot.client.listen;

import org.jspecify.annotations.NullMarked;
