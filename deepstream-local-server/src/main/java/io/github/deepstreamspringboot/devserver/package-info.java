/**
 * A real deepstream server for development and tests: installs the pinned {@code @deepstream/server} from npm and
 * runs it on 127.0.0.1. Needs Node.js 18+ with npm on the {@code PATH}.
 */
@NullMarked
package io.github.deepstreamspringboot.devserver;

import org.jspecify.annotations.NullMarked;
