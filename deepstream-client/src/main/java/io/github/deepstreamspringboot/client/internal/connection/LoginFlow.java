package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.ConnectionState;
import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.LoginResult;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.protocol.AuthAction;
import io.github.deepstreamspringboot.client.internal.protocol.DefaultJsonMapper;
import io.github.deepstreamspringboot.client.internal.protocol.Message;

/**
 * The login part of the connection: the one login waiting for the server (asked by the application, or automatic
 * after a reconnection with the credentials of the last successful one), its timeout, and the server's AUTH answers.
 *
 * <p><b>Thread model.</b> Confined to the connection's event loop; futures complete on the callback executor.
 */
final class LoginFlow {

    /** What the login needs from its connection; called on the loop. */
    interface Host {

        ConnectionState state();

        long socketId();

        void setState(ConnectionState state, String reason);

        boolean sendNow(Message message);

        void reportError(ErrorKind kind, String problem, Topic topic);

        /** The server accepted a login: the connection is {@code OPEN}. */
        void loggedIn(boolean automatic);

        /** Abandons socket {@code id}, reporting {@code kind} unless it is {@code null}. */
        void lost(long id, ErrorKind kind, String problem);

        void terminate(ConnectionState state, String reason, RuntimeException failure);

    }

    private final Host host;

    private final EventLoop loop;

    private final Duration timeout;

    private final ConnectionNotifier notifier;

    /** The login waiting for a connection or for the server's answer; {@code null} if none. */
    private Pending pending;

    /** Credentials of the last successful login, asked again after each reconnection; {@code null} before. */
    private Supplier<? extends Map<String, ?>> reloginParams;

    /**
     * Credentials of the latest login the application asked for that the server has neither accepted nor refused
     * (it timed out, or the connection was lost): the intent to log in outlives them, and each new connection tries
     * again, until the server answers or the client closes.
     */
    private Supplier<? extends Map<String, ?>> intent;

    /** The client data of the last successful login; {@code null} if none brought any. */
    private JsonNode clientData;

    private EventLoop.Cancellable timer;

    LoginFlow(Host host, EventLoop loop, Duration timeout, ConnectionNotifier notifier) {
        this.host = host;
        this.loop = loop;
        this.timeout = timeout;
        this.notifier = notifier;
    }

    /** A login asked by the application. */
    void begin(Supplier<? extends Map<String, ?>> params, CompletableFuture<LoginResult> result) {
        ConnectionState state = this.host.state();
        if (state.isTerminal()) {
            String problem = "Cannot log in: the client is " + state;
            // on CONNECTION, as the official client reports it (and deepstream's e2e suite expects)
            this.host.reportError(ErrorKind.IS_CLOSED, problem, Topic.CONNECTION);
            this.notifier.fail(result, new DeepstreamException(ErrorKind.IS_CLOSED, problem));
        }
        else if (state == ConnectionState.OPEN) {
            this.notifier.fail(result, new IllegalStateException("Already logged in"));
        }
        else if (this.pending != null) {
            this.notifier.fail(result, new IllegalStateException("A login is already in progress"));
        }
        else {
            this.pending = new Pending(params, result, false);
            this.intent = params;
            if (state == ConnectionState.AWAITING_AUTHENTICATION) {
                send();
            }
        }
    }

    /** The server accepted the connection: sends the waiting login, or logs in again after a reconnection. */
    void onConnectionAccepted() {
        Supplier<? extends Map<String, ?>> params = (this.intent != null) ? this.intent : this.reloginParams;
        if (this.pending == null && params != null) {
            this.pending = new Pending(params, new CompletableFuture<>(), true);
        }
        if (this.pending != null) {
            send();
        }
    }

    /** The socket was lost: an automatic login belongs to its socket, the next one starts its own. */
    void onConnectionLost() {
        if (this.pending != null && this.pending.automatic()) {
            this.pending = null;
        }
        cancelTimer();
    }

    /** The client is closed for good: the waiting login fails. */
    void failPending(RuntimeException failure) {
        this.intent = null;
        Pending login = take();
        if (login != null) {
            this.notifier.fail(login.result(), failure);
        }
    }

    void onMessage(Message message) {
        if (AuthAction.AUTH_SUCCESSFUL.matches(message)) {
            succeeded(message.payload());
        }
        else if (AuthAction.AUTH_UNSUCCESSFUL.matches(message)) {
            refused(message.payload());
        }
        else if (AuthAction.TOO_MANY_AUTH_ATTEMPTS.matches(message)) {
            take();
            this.host.reportError(ErrorKind.TOO_MANY_AUTH_ATTEMPTS,
                    "the server refuses further logins on this connection", Topic.AUTH);
            this.host.terminate(ConnectionState.CLOSED, "too many failed login attempts",
                    new DeepstreamException(ErrorKind.TOO_MANY_AUTH_ATTEMPTS, "Too many failed login attempts"));
        }
        else if (AuthAction.INVALID_MESSAGE.matches(message) || AuthAction.INVALID_MESSAGE_DATA.matches(message)) {
            Pending login = take();
            String problem = "the server refused the login message (action " + message.action() + ")";
            this.host.reportError(ErrorKind.INVALID_MESSAGE, problem, Topic.AUTH);
            if (login != null) {
                this.notifier.fail(login.result(), new DeepstreamException(ErrorKind.INVALID_MESSAGE, problem));
            }
        }
        else {
            this.host.reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message, Topic.AUTH);
        }
    }

    private void send() {
        Pending login = this.pending;
        JsonNode credentials;
        try {
            Map<String, ?> params = login.params().get();
            credentials = DefaultJsonMapper.get().valueToTree((params != null) ? params : Map.of());
        }
        catch (RuntimeException ex) {
            this.pending = null;
            String problem = "the auth parameters could not be obtained: " + ex.getClass().getSimpleName();
            if (login.automatic()) {
                this.host.reportError(ErrorKind.REAUTHENTICATION_FAILURE, problem, Topic.AUTH);
            }
            this.notifier.fail(login.result(), new IllegalStateException("Cannot log in: " + problem, ex));
            return;
        }
        this.host.setState(ConnectionState.AUTHENTICATING,
                login.automatic() ? "logging in again after reconnection" : "logging in");
        long id = this.host.socketId();
        this.timer = this.loop.schedule(() -> timedOut(id), this.timeout);
        this.host.sendNow(Message.builder(AuthAction.REQUEST).payload(credentials).build());
    }

    private void succeeded(JsonNode clientData) {
        Pending login = take();
        if (login == null) {
            this.host.reportError(ErrorKind.UNSOLICITED_MESSAGE, "login success without a login", Topic.AUTH);
            return;
        }
        this.reloginParams = login.params();
        this.intent = null;
        this.host.loggedIn(login.automatic());
        JsonNode brought = (clientData == null || clientData.isNull()
                || (clientData.isContainer() && clientData.isEmpty())) ? null : clientData;
        if (!java.util.Objects.equals(brought, this.clientData)) {
            this.clientData = brought;
            this.notifier.clientDataChanged((brought != null) ? brought.deepCopy() : null);
        }
        LoginResult result = new LoginResult(true, clientData, login.automatic());
        this.notifier.complete(login.result(), result);
        this.notifier.login(result);
    }

    private void refused(JsonNode reason) {
        Pending login = take();
        if (login == null) {
            this.host.reportError(ErrorKind.UNSOLICITED_MESSAGE, "login refusal without a login", Topic.AUTH);
            return;
        }
        if (login.params() == this.intent) {
            // refused credentials end the intent: the application decides what to try next
            this.intent = null;
        }
        this.host.setState(ConnectionState.AWAITING_AUTHENTICATION, "login refused by the server");
        LoginResult result = new LoginResult(false, reason, login.automatic());
        this.notifier.complete(login.result(), result);
        this.notifier.login(result);
        if (login.automatic()) {
            this.host.reportError(ErrorKind.REAUTHENTICATION_FAILURE,
                    "the server refused the automatic login after reconnection; call login() again", Topic.AUTH);
        }
    }

    private void timedOut(long id) {
        if (id != this.host.socketId() || this.host.state() != ConnectionState.AUTHENTICATING) {
            return;
        }
        Pending login = take();
        String problem = "no answer to the login within " + this.timeout;
        this.host.reportError(ErrorKind.ACK_TIMEOUT, problem, Topic.AUTH);
        if (login != null) {
            this.notifier.fail(login.result(), new DeepstreamException(ErrorKind.ACK_TIMEOUT, problem));
        }
        this.host.lost(id, null, problem);
    }

    private Pending take() {
        cancelTimer();
        Pending login = this.pending;
        this.pending = null;
        return login;
    }

    private void cancelTimer() {
        if (this.timer != null) {
            this.timer.cancel();
            this.timer = null;
        }
    }

    private record Pending(Supplier<? extends Map<String, ?>> params, CompletableFuture<LoginResult> result,
            boolean automatic) {
    }

}
