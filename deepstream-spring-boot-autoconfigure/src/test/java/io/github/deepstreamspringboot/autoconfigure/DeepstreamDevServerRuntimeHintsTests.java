package io.github.deepstreamspringboot.autoconfigure;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local server's AOT hints cover every npm file that {@code deepstream-local-server} ships, and its
 * auto-configuration imports them.
 */
class DeepstreamDevServerRuntimeHintsTests {

    @Test
    void everyShippedNpmFileIsARegisteredResource() throws Exception {
        RuntimeHints hints = new RuntimeHints();
        new DeepstreamDevServerRuntimeHints().registerHints(hints, getClass().getClassLoader());
        Resource[] shipped = new PathMatchingResourcePatternResolver()
            .getResources("classpath*:" + DeepstreamDevServerRuntimeHints.NPM_FILES + "**/*");
        String[] files = Arrays.stream(shipped)
            .filter(Resource::isReadable)
            .map((resource) -> {
                try {
                    String url = resource.getURL().toString();
                    return url.substring(url.indexOf(DeepstreamDevServerRuntimeHints.NPM_FILES));
                }
                catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            })
            .toArray(String[]::new);
        assertThat(files).contains(DeepstreamDevServerRuntimeHints.NPM_FILES + "package.json",
                DeepstreamDevServerRuntimeHints.NPM_FILES + "package-lock.json",
                DeepstreamDevServerRuntimeHints.NPM_FILES + ".npmrc");
        for (String file : files) {
            assertThat(RuntimeHintsPredicates.resource().forResource(file)).as(file).accepts(hints);
        }
    }

    @Test
    void theAutoConfigurationImportsThem() {
        assertThat(DeepstreamDevServerAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
            .containsExactly(DeepstreamDevServerRuntimeHints.class);
    }

}
