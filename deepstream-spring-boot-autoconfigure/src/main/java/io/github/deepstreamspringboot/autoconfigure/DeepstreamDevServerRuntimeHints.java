package io.github.deepstreamspringboot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The AOT hints of the local deepstream server: the npm files ({@code package.json}, its lockfile, {@code .npmrc}, the
 * stub of an optional native module) that it copies from the class path into its installation folder.
 *
 * <p><b>Thread model.</b> Stateless; used by Spring's AOT processing at build time.
 */
final class DeepstreamDevServerRuntimeHints implements RuntimeHintsRegistrar {

    /** Where {@code deepstream-local-server} keeps the npm files of the server. */
    static final String NPM_FILES = "io/github/deepstreamspringboot/devserver/npm/";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources().registerPattern(NPM_FILES + "**");
    }

}
