package io.github.deepstreamspringboot.client;

/**
 * Told about every login result, both for explicit {@code login} calls and for the automatic logins after a
 * reconnection, on the client's callback thread.
 */
@FunctionalInterface
public interface LoginListener {

    /**
     * Called once per login answer.
     * @param result the answer
     */
    void onLogin(LoginResult result);

}
