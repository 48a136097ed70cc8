package io.github.deepstreamspringboot.client.internal.connection;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's AOT hints: found through {@code aot.factories}, and covering every Tomcat field that
 * {@link TomcatNoDelay} reads, which must exist in the Tomcat on the class path.
 */
class TomcatRuntimeHintsTests {

    @Test
    void springsAotProcessingFindsTheHints() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
            .hasAtLeastOneElementOfType(TomcatRuntimeHints.class);
    }

    @Test
    void everyFieldTomcatNoDelayReadsIsRegisteredAndExists() throws Exception {
        RuntimeHints hints = new RuntimeHints();
        new TomcatRuntimeHints().registerHints(hints, getClass().getClassLoader());
        assertThat(TomcatRuntimeHints.FIELDS.values()).containsExactlyInAnyOrder(TomcatNoDelay.SESSION_ENDPOINT,
                TomcatNoDelay.ENDPOINT_CHANNEL, TomcatNoDelay.CHANNEL_SOCKET, TomcatNoDelay.CHANNEL_SOCKET);
        for (var field : TomcatRuntimeHints.FIELDS.entrySet()) {
            Class<?> type = Class.forName(field.getKey());
            assertThat(type.getDeclaredField(field.getValue())).isNotNull();
            assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(type, field.getValue())).accepts(hints);
        }
    }

}
