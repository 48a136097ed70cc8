package io.github.deepstreamspringboot.client.internal.protocol;

import io.github.deepstreamspringboot.client.Topic;

/**
 * Actions of the {@link Topic#RECORD} topic.
 */
public enum RecordAction implements Action {

    /** Storage changed behind deepstream's back; also its acknowledgement. */
    NOTIFY(2),

    /** Read a record without subscribing. */
    READ(3),

    /** A record's version and data. */
    READ_RESPONSE(4),

    /** Read a record's version only. */
    HEAD(5),

    /** A record's version ({@code -1}: it does not exist). */
    HEAD_RESPONSE(6),

    /** Versions of several records, in {@code versions}. */
    HEAD_RESPONSE_BULK(8),

    /** Delete a record. */
    DELETE(9),

    /** The record was deleted (to the deleter). */
    DELETE_SUCCESS(10),

    /** The record was deleted (to the other subscribers). */
    DELETED(13),

    /** A write asked to be acknowledged was stored. */
    WRITE_ACKNOWLEDGEMENT(14),

    /** Create or replace a record without subscribing. */
    CREATEANDUPDATE(16),

    /** Create a record or set one path, without subscribing. */
    CREATEANDPATCH(17),

    /** Replace a record's data. */
    UPDATE(18),

    /** Set one path (without data: erase it). */
    PATCH(19),

    /** Erase one path. */
    ERASE(20),

    /** Subscribe and get versions. */
    SUBSCRIBEANDHEAD(21),

    /** Subscribe and read, without creating. */
    SUBSCRIBEANDREAD(22),

    /** Subscribe, create if missing, and read. */
    SUBSCRIBECREATEANDREAD(23),

    /** Subscribe without data. */
    SUBSCRIBE(25),

    /** Unsubscribe (discard). */
    UNSUBSCRIBE(26),

    /** Listen for subscriptions matching a pattern (in {@code name}). */
    LISTEN(27),

    /** Stop listening. */
    UNLISTEN(28),

    /** A listener accepts to provide a matched record. */
    LISTEN_ACCEPT(29),

    /** A listener declines a matched record. */
    LISTEN_REJECT(30),

    /** The record has an active provider. */
    SUBSCRIPTION_HAS_PROVIDER(31),

    /** The record lost its active provider. */
    SUBSCRIPTION_HAS_NO_PROVIDER(32),

    /** A record matching a listened pattern got its first subscriber. */
    SUBSCRIPTION_FOR_PATTERN_FOUND(33),

    /** A matched record lost its last subscriber. */
    SUBSCRIPTION_FOR_PATTERN_REMOVED(34),

    /** The server's cache did not answer in time. */
    CACHE_RETRIEVAL_TIMEOUT(100),

    /** The server's storage did not answer in time. */
    STORAGE_RETRIEVAL_TIMEOUT(101),

    /** Write conflict; carries the current version and data. */
    VERSION_EXISTS(102),

    /** The record could not be loaded. */
    RECORD_LOAD_ERROR(103),

    /** The record could not be created. */
    RECORD_CREATE_ERROR(104),

    /** The write failed (for example: the record does not exist). */
    RECORD_UPDATE_ERROR(105),

    /** The delete failed. */
    RECORD_DELETE_ERROR(106),

    /** A read of a record that does not exist. */
    RECORD_NOT_FOUND(107),

    /** A write with a version above current + 1. */
    INVALID_VERSION(108),

    /** A patch on a hot-path record. */
    INVALID_PATCH_ON_HOTPATH(109),

    /** The listen pattern is not a valid regular expression. */
    INVALID_LISTEN_REGEX(110),

    /** The listener did not answer in time. */
    LISTEN_RESPONSE_TIMEOUT(111),

    /** A notify failed. */
    RECORD_NOTIFY_ERROR(113),

    /** A permission rule failed. */
    MESSAGE_PERMISSION_ERROR(114),

    /** Permissions refused the operation. */
    MESSAGE_DENIED(115),

    /** The write's data was not valid. */
    INVALID_MESSAGE_DATA(116),

    /** Already subscribed. */
    MULTIPLE_SUBSCRIPTIONS(117);

    private final int code;

    RecordAction(int code) {
        this.code = code;
    }

    @Override
    public Topic topic() {
        return Topic.RECORD;
    }

    @Override
    public int code() {
        return this.code;
    }

    /**
     * Finds the action with a protocol number.
     * @param code the number
     * @return the action, or {@code null} if none has it
     */
    public static RecordAction of(int code) {
        return Action.find(RecordAction.class, code);
    }

}
