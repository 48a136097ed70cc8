package io.github.deepstreamspringboot.client.record;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.deepstreamspringboot.client.Subscription;

/**
 * A deepstream list: a record whose data is an array of record names. Edits apply atomically to the current entries
 * and go to the server as whole-array writes, like any record write (versions, conflicts and offline edits work the
 * same way). A record whose data is not an array reads as an empty list. Thread-safe.
 */
public interface RecordList extends AutoCloseable {

    /** @return the list's name */
    String name();

    /** @return the underlying record */
    Record record();

    /** @return completes once the list's data has arrived */
    CompletableFuture<RecordList> whenReady();

    /** @return the entries now */
    List<String> getEntries();

    /** @return whether the list has no entries */
    boolean isEmpty();

    /**
     * Replaces the entries.
     * @param entries the entries
     * @return completes when the server has stored the write
     */
    CompletableFuture<Void> setEntries(List<String> entries);

    /**
     * Appends an entry.
     * @param entry the record name
     * @return completes when the server has stored the write
     */
    CompletableFuture<Void> addEntry(String entry);

    /**
     * Inserts an entry at a position (appends past the end).
     * @param entry the record name
     * @param index the position
     * @return completes when the server has stored the write
     */
    CompletableFuture<Void> addEntry(String entry, int index);

    /**
     * Removes every occurrence of an entry.
     * @param entry the record name
     * @return completes when the server has stored the write
     */
    CompletableFuture<Void> removeEntry(String entry);

    /**
     * Removes an entry at a position, if it is that entry.
     * @param entry the record name
     * @param index the position
     * @return completes when the server has stored the write
     */
    CompletableFuture<Void> removeEntry(String entry, int index);

    /**
     * Listens to changes of the entries.
     * @param listener told about additions, removals and moves
     * @return a handle that stops listening
     */
    Subscription subscribe(ListChangeListener listener);

    /** @return completes when the list was deleted */
    CompletableFuture<Void> delete();

    /** Releases the list's record handle. */
    void discard();

    /** Discards the list's record, like {@link #discard()}. */
    @Override
    void close();

}
