package io.github.deepstreamspringboot.client.internal.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.internal.record.RecordHandle;
import io.github.deepstreamspringboot.client.record.ListChangeListener;
import io.github.deepstreamspringboot.client.record.Record;
import io.github.deepstreamspringboot.client.record.RecordList;

/**
 * A deepstream list: a record whose data is an array of record names. Edits apply atomically to the current entries
 * and go to the server as whole-array writes, like any record write (versions, conflicts and offline edits work the
 * same way). A record whose data is not an array reads as an empty list. Thread-safe.
 */
public final class DefaultRecordList implements RecordList {

    private final Record record;

    public DefaultRecordList(Record record) {
        this.record = record;
    }

    @Override
    public String name() {
        return this.record.name();
    }

    @Override
    public Record record() {
        return this.record;
    }

    @Override
    public CompletableFuture<RecordList> whenReady() {
        return this.record.whenReady().thenApply((ignored) -> this);
    }

    @Override
    public List<String> getEntries() {
        return entries(this.record.get());
    }

    @Override
    public boolean isEmpty() {
        return getEntries().isEmpty();
    }

    @Override
    public CompletableFuture<Void> setEntries(List<String> entries) {
        return edit((current) -> new ArrayList<>(entries));
    }

    @Override
    public CompletableFuture<Void> addEntry(String entry) {
        Objects.requireNonNull(entry, "'entry' must not be null");
        return edit((current) -> {
            current.add(entry);
            return current;
        });
    }

    @Override
    public CompletableFuture<Void> addEntry(String entry, int index) {
        Objects.requireNonNull(entry, "'entry' must not be null");
        return edit((current) -> {
            current.add(Math.min(Math.max(index, 0), current.size()), entry);
            return current;
        });
    }

    @Override
    public CompletableFuture<Void> removeEntry(String entry) {
        return edit((current) -> {
            current.removeIf(entry::equals);
            return current;
        });
    }

    @Override
    public CompletableFuture<Void> removeEntry(String entry, int index) {
        return edit((current) -> {
            if (index >= 0 && index < current.size() && current.get(index).equals(entry)) {
                current.remove(index);
            }
            return current;
        });
    }

    @Override
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

    @Override
    public CompletableFuture<Void> delete() {
        return this.record.delete();
    }

    @Override
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
