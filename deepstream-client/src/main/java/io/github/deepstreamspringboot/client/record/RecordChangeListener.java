package io.github.deepstreamspringboot.client.record;

import tools.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Told when a record's value (or the value at a subscribed path) actually changed, locally or remotely. Runs on its
 * own handler thread, in order.
 */
@FunctionalInterface
public interface RecordChangeListener {

    /**
     * The value changed.
     * @param value the new value ({@code null} if the path no longer exists)
     */
    void onChange(@Nullable JsonNode value);

}
