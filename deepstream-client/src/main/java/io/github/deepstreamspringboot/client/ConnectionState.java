package io.github.deepstreamspringboot.client;

/**
 * The states of a client's connection, named as in deepstream's documentation.
 *
 * <p>A client starts {@link #CLOSED}, connects at once ({@link #AWAITING_CONNECTION} → {@link #CHALLENGING} →
 * {@link #AWAITING_AUTHENTICATION}) and becomes usable ({@link #OPEN}) after a successful login.
 */
public enum ConnectionState {

    /** Not connected: before the first connection attempt, after {@code close()}, or after too many failed logins. */
    CLOSED,

    /** The WebSocket is being opened. */
    AWAITING_CONNECTION,

    /** The WebSocket is open and the client waits for the server to accept its challenge. */
    CHALLENGING,

    /** The server accepted the connection; the client waits for {@code login()}. */
    AWAITING_AUTHENTICATION,

    /** Login sent; waiting for the server's answer. */
    AUTHENTICATING,

    /** Logged in: messages flow. */
    OPEN,

    /** The connection was lost; the client waits before its next connection attempt. */
    RECONNECTING,

    /** The connection is declared unrecoverable (too many failed reconnection attempts); no further attempts. */
    ERROR;

    /**
     * Whether the client is in a terminal state from which it does not reconnect by itself.
     * @return {@code true} for {@link #CLOSED} and {@link #ERROR}
     */
    public boolean isTerminal() {
        return (this == CLOSED) || (this == ERROR);
    }

}
