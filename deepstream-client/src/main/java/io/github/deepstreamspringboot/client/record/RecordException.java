package io.github.deepstreamspringboot.client.record;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;

/**
 * Fails the future of a record operation.
 */
public class RecordException extends DeepstreamException {

    private static final long serialVersionUID = 1L;

    /** The record's name. */
    private final String recordName;

    /** Why the operation failed. */
    private final Reason reason;

    /**
     * Creates an exception.
     * @param recordName the record
     * @param reason why the operation failed
     * @param message a description
     */
    public RecordException(String recordName, Reason reason, String message) {
        super(reason.kind, message);
        this.recordName = recordName;
        this.reason = reason;
    }

    /** @return the record's name */
    public String getRecordName() {
        return this.recordName;
    }

    /** @return why the operation failed */
    public Reason getReason() {
        return this.reason;
    }

    /** Why a record operation failed. */
    public enum Reason {

        /** The record does not exist (snapshot, head of a missing record). */
        NOT_FOUND(ErrorKind.RECORD_ERROR),

        /** Another write won and the merge strategy kept the server's data: this write was dropped. */
        VERSION_CONFLICT(ErrorKind.VERSION_EXISTS),

        /** The server's permissions refused the operation. */
        MESSAGE_DENIED(ErrorKind.MESSAGE_DENIED),

        /** The server could not store the write (for example: the record was deleted). */
        UPDATE_ERROR(ErrorKind.RECORD_ERROR),

        /** No answer within the request timeout. */
        TIMEOUT(ErrorKind.ACK_TIMEOUT),

        /** The operation needs a connection and the client is not logged in (delete while offline). */
        OFFLINE(ErrorKind.IS_CLOSED),

        /** The record was deleted or discarded; this handle cannot be used any more. */
        DESTROYED(ErrorKind.RECORD_ERROR);

        private final ErrorKind kind;

        Reason(ErrorKind kind) {
            this.kind = kind;
        }

    }

}
