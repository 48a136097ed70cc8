package io.github.deepstreamspringboot.client.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.deepstreamspringboot.client.Subscription;

/**
 * A deepstream list: a record whose data is an array of record names. Edits apply atomically to the current entries
 * and go to the server as whole-array writes, like any record write (versions, conflicts and offline edits work the
 * same way). A record whose data is not an array reads as an empty list. Thread-safe.
 */
public final class RecordList implements AutoCloseable {

    private final Record record;

    RecordList(Record record) {
        this.record = record;
    }

    /** @return the list's name */
    public String name() {
        return this.record.name();
    }

    /** @return the underlying record */
    public Record record() {
        return this.record;
    }

    /** @return completes once the list's data has arrived */
    public CompletableFuture<RecordList> whenReady() {
        return this.record.whenReady().thenApply((ignored) -> this);
    }

    /** @return the entries now */
    public List<String> getEntries() {
        return entries(this.record.get());
    }

    /** @return whether the list has no entries */
    public boolean isEmpty() {
        return getEntries().isEmpty();
    }

    /**
     * Replaces the entries.
     * @param entries the entries
     * @return completes when the server has stored the write
     */
    public CompletableFuture<Void> setEntries(List<String> entries) {
        return edit((current) -> new ArrayList<>(entries));
    }

    /**
     * Appends an entry.
     * @param entry the record name
     * @return completes when the server has stored the write
     */
    public CompletableFuture<Void> addEntry(String entry) {
        Objects.requireNonNull(entry, "'entry' must not be null");
        return edit((current) -> {
            current.add(entry);
            return current;
        });
    }

    /**
     * Inserts an entry at a position (appends past the end).
     * @param entry the record name
     * @param index the position
     * @return completes when the server has stored the write
     */
    public CompletableFuture<Void> addEntry(String entry, int index) {
        Objects.requireNonNull(entry, "'entry' must not be null");
        return edit((current) -> {
            current.add(Math.min(Math.max(index, 0), current.size()), entry);
            return current;
        });
    }

    /**
     * Removes every occurrence of an entry.
     * @param entry the record name
     * @return completes when the server has stored the write
     */
    public CompletableFuture<Void> removeEntry(String entry) {
        return edit((current) -> {
            current.removeIf(entry::equals);
            return current;
        });
    }

    /**
     * Removes an entry at a position, if it is that entry.
     * @param entry the record name
     * @param index the position
     * @return completes when the server has stored the write
     */
    public CompletableFuture<Void> removeEntry(String entry, int index) {
        return edit((current) -> {
            if (index >= 0 && index < current.size() && current.get(index).equals(entry)) {
                current.remove(index);
            }
            return current;
        });
    }

    /**
     * Listens to changes of the entries.
     * @param listener told about additions, removals and moves
     * @return a handle that stops listening
     */
    public Subscription subscribe(ListChangeListener listener) {
        AtomicReference<List<String>> previous = new AtomicReference<>(getEntries());
        return this.record.subscribe((data) -> {
            List<String> before = previous.getAndSet(entries(data));
            List<String> after = previous.get();
            for (int i = 0; i < before.size(); i++) {
                if (!after.contains(before.get(i))) {
                    listener.onEntryRemoved(before.get(i), i);
                }
            }
            for (int i = 0; i < after.size(); i++) {
                String entry = after.get(i);
                if (!before.contains(entry)) {
                    listener.onEntryAdded(entry, i);
                }
                else if (before.indexOf(entry) != i) {
                    listener.onEntryMoved(entry, i);
                }
            }
            listener.onEntriesChanged(after);
        });
    }

    /** @return completes when the list was deleted */
    public CompletableFuture<Void> delete() {
        return this.record.delete();
    }

    /** Releases the list's record handle. */
    public void discard() {
        this.record.discard();
    }

    @Override
    public void close() {
        discard();
    }

    private CompletableFuture<Void> edit(java.util.function.UnaryOperator<List<String>> change) {
        return ((RecordHandle) this.record).update((data) -> {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            change.apply(new ArrayList<>(entries(data))).forEach(array::add);
            return array;
        });
    }

    private List<String> entries(JsonNode data) {
        List<String> entries = new ArrayList<>();
        if (data != null && data.isArray()) {
            data.forEach((entry) -> entries.add(entry.isString() ? entry.stringValue() : entry.toString()));
        }
        return entries;
    }

}
