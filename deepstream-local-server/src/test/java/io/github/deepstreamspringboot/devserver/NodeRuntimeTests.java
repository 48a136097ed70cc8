package io.github.deepstreamspringboot.devserver;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link NodeRuntime}.
 */
class NodeRuntimeTests {

    @Test
    void missingNodeFailsWithAMessageThatSaysWhatToInstall(@TempDir Path empty) {
        assertThatIllegalStateException().isThrownBy(() -> NodeRuntime.locate(empty.toString()))
            .withMessageContaining("needs Node.js 18 or newer with npm")
            .withMessageContaining("'node' was not found on the PATH")
            .withMessageContaining("Install Node.js")
            .withMessageContaining("deepstream.url");
    }

    @Test
    void noPathAtAllFailsTheSameWay() {
        assertThatIllegalStateException().isThrownBy(() -> NodeRuntime.locate(null))
            .withMessageContaining("was not found on the PATH");
    }

    @Test
    void nodeAndNpmOnThePathAreFound() {
        NodeRuntime runtime = NodeRuntime.locate(System.getenv("PATH"));
        assertThat(runtime.node().getFileName().toString()).isEqualTo("node");
        assertThat(runtime.npm().getFileName().toString()).isEqualTo("npm");
    }

}
