package io.github.deepstreamspringboot.client.record;

import java.util.List;

/**
 * Told how a list's entries changed. Runs on its own handler thread, in order. Override what you need.
 */
public interface ListChangeListener {

    /**
     * The entries changed.
     * @param entries the entries now
     */
    default void onEntriesChanged(List<String> entries) {
    }

    /**
     * An entry was added.
     * @param entry the entry
     * @param index its position now
     */
    default void onEntryAdded(String entry, int index) {
    }

    /**
     * An entry was removed.
     * @param entry the entry
     * @param index its position before
     */
    default void onEntryRemoved(String entry, int index) {
    }

    /**
     * An entry that stayed in the list changed position.
     * @param entry the entry
     * @param index its position now
     */
    default void onEntryMoved(String entry, int index) {
    }

}
