package io.github.deepstreamspringboot.client.record;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.listen.ListenHandler;
import org.jspecify.annotations.Nullable;

/**
 * deepstream records: {@link #getRecord open} synced records and {@link #getList lists}, and read or write records
 * without subscribing ({@link #snapshot}, {@link #has}, {@link #head}, {@link #setData}, {@link #eraseData}).
 *
 * <p><b>Versions.</b> Every write goes out as the server's version + 1, never higher (a version above current + 1
 * leaves the record unwritable on deepstream 7.0.2): each record has at most one write in flight, and the changes
 * made while it is in flight go out together, as one write, when it is acknowledged. A remote update that does not
 * follow the local version, a write that lost to another ({@code VERSION_EXISTS}), and a record edited while offline
 * are resolved with the record's {@link MergeStrategy}: the merged data is adopted and, if it differs from the
 * server's, written back as the next version. A write the server refused (permissions, update error) is reverted to
 * the server's data.
 *
 * <p><b>Reconnection.</b> Every open record is subscribed again in one bulk message after the re-login. A record
 * without local changes compares versions and adopts the server's data if it changed. A record edited offline is read
 * and reconciled: if the server still has what this client last saw, the local data is written; if the server already
 * has the local data, it is adopted; otherwise the merge strategy decides. Writes made offline are thus never
 * dropped silently: with {@link MergeStrategy#REMOTE_WINS} they are discarded as conflicts, and their acknowledged
 * writes fail with {@link RecordException.Reason#VERSION_CONFLICT}.
 *
 * <p><b>Discarding.</b> A record whose last handle was discarded stays subscribed for the option
 * {@code recordDiscardTimeout} (zero by default: unsubscribed at once), so that getting it again within that time
 * needs no round trip.
 *
 * <p><b>Threads.</b> Public methods may be called from any thread; all record state lives on the client's
 * event loop.
 */
public interface RecordClient {

    /**
     * Sets the merge strategy of records that have none of their own (default: the option {@code mergeStrategy},
     * {@link MergeStrategy#REMOTE_WINS} unless set).
     * @param strategy the strategy
     */
    void setMergeStrategy(MergeStrategy strategy);

    /**
     * Opens a record, creating it on the server if it does not exist.
     * @param name the record's name
     * @return a handle; release it with {@link Record#discard()}
     */
    Record getRecord(String name);

    /**
     * Opens a list: a record whose data is an array of record names.
     * @param name the list's name
     * @return the list; release it with {@link RecordList#discard()}
     */
    RecordList getList(String name);

    /**
     * Creates a record handle whose name can be switched.
     * @return the anonymous record; call {@link AnonymousRecord#setName} to open a record
     */
    AnonymousRecord getAnonymousRecord();

    /**
     * Reads a record without subscribing.
     * @param name the record
     * @return its data; fails with {@link RecordException.Reason#NOT_FOUND} if it does not exist
     */
    CompletableFuture<JsonNode> snapshot(String name);

    /**
     * Reads a record without subscribing, with a record that does not exist as a normal outcome: for a
     * {@code GET /orders/{id}} that answers 404 rather than catching an exception.
     * @param name the record
     * @return its data, or empty if it does not exist; fails only for other reasons (the connection, permissions)
     */
    CompletableFuture<Optional<JsonNode>> snapshotIfExists(String name);

    /**
     * Reads a record's version without subscribing.
     * @param name the record
     * @return its version; {@code -1} if it does not exist
     */
    CompletableFuture<Integer> head(String name);

    /**
     * Tells whether a record exists.
     * @param name the record
     * @return whether it exists
     */
    CompletableFuture<Boolean> has(String name);

    /**
     * Creates or replaces a record's data. If this client holds the record, the write goes through it, with its
     * version handling, and its listeners see it; otherwise the server assigns the version.
     * @param name the record
     * @param value the data (an object or array)
     * @return completes when the write was sent, or applied to the held record
     */
    CompletableFuture<Void> setData(String name, @Nullable Object value);

    /**
     * Creates a record or sets one path of it, as {@link #setData(String, Object)} does.
     * @param name the record
     * @param path the path
     * @param value the value; {@code null} writes JSON {@code null} (use {@link #eraseData} to remove the path)
     * @return completes when the write was sent, or applied to the held record
     */
    CompletableFuture<Void> setData(String name, String path, @Nullable Object value);

    /**
     * Like {@link #setData(String, Object)}, and completes when the server has stored the write.
     * @param name the record
     * @param value the data
     * @return completes when stored; fails with a {@link RecordException}
     */
    CompletableFuture<Void> setDataWithAck(String name, @Nullable Object value);

    /**
     * Like {@link #setData(String, String, Object)}, and completes when the server has stored the write.
     * @param name the record
     * @param path the path
     * @param value the value
     * @return completes when stored; fails with a {@link RecordException}
     */
    CompletableFuture<Void> setDataWithAck(String name, String path, @Nullable Object value);

    /**
     * Removes one path of a record (deepstream's {@code setData(name, path, undefined)}). Unlike the other writes,
     * it does not create the record: the server answers an erase of a record that does not exist with an error,
     * which reaches the error listeners as {@link ErrorKind#RECORD_ERROR} (the future has completed when it was
     * sent).
     * @param name the record
     * @param path the path to remove
     * @return completes when the erase was sent, or applied to the held record
     */
    CompletableFuture<Void> eraseData(String name, String path);

    /**
     * Like {@link #eraseData}, and completes when the server has stored the erase.
     * @param name the record
     * @param path the path to remove
     * @return completes when stored; fails with a {@link RecordException}. On a record that does not exist,
     *     deepstream 7.0.2 creates it, empty ({@code {}}, version 1), and acknowledges the erase
     */
    CompletableFuture<Void> eraseDataWithAck(String name, String path);

    /**
     * Listens for subscriptions to records matching a pattern, to provide them actively (subscribers see
     * {@link Record#hasProvider()} while a listener accepted).
     * @param pattern a regular expression, as the server evaluates it
     * @param handler told about matching record names
     * @return a handle that stops listening
     */
    Subscription listen(String pattern, ListenHandler handler);

    /**
     * Stops listening to a pattern.
     * @param pattern the pattern
     */
    void unlisten(String pattern);

    /**
     * Registers a listener for record activity (for metrics); it is told the number of open records at once.
     * @param listener the listener
     * @return a handle that removes it
     */
    Subscription addRecordListener(RecordListener listener);

    /**
     * Returns the number of records open on this client (distinct names, including those within their discard
     * timeout, which are still subscribed).
     * @return the number
     */
    int openRecords();

}
