package io.github.deepstreamspringboot.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records a client's state changes and errors as they arrive on its callback thread, for tests to wait on with
 * Awaitility and assert. Thread-safe.
 */
final class ClientRecorder {

    private final List<ConnectionStateChange> changes = new CopyOnWriteArrayList<>();

    private final List<DeepstreamError> errors = new CopyOnWriteArrayList<>();

    private final List<LoginResult> logins = new CopyOnWriteArrayList<>();

    ClientRecorder(DeepstreamClient client) {
        client.addConnectionStateListener(this.changes::add);
        client.addErrorListener(this.errors::add);
        client.addLoginListener(this.logins::add);
    }

    List<ConnectionStateChange> changes() {
        return this.changes;
    }

    List<ConnectionState> states() {
        return this.changes.stream().map(ConnectionStateChange::current).toList();
    }

    List<ErrorKind> errorKinds() {
        return this.errors.stream().map(DeepstreamError::kind).toList();
    }

    List<DeepstreamError> errors() {
        return this.errors;
    }

    List<LoginResult> logins() {
        return this.logins;
    }

    List<ConnectionStateChange> reconnecting() {
        return this.changes.stream().filter((change) -> change.current() == ConnectionState.RECONNECTING).toList();
    }

}
