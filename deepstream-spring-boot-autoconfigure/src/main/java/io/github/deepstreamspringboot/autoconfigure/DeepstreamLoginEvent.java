package io.github.deepstreamspringboot.autoconfigure;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.LoginResult;

/**
 * Published for every login answer of an auto-configured {@link DeepstreamClient} (the start-up login, explicit
 * logins and the automatic ones after a reconnection), on the client's callback thread. The source is the client.
 */
public class DeepstreamLoginEvent extends DeepstreamClientEvent {

    private static final long serialVersionUID = 1L;

    private final transient LoginResult result;

    /**
     * Creates an event.
     * @param client the client
     * @param result the server's answer
     */
    public DeepstreamLoginEvent(DeepstreamClient client, LoginResult result) {
        super(client);
        this.result = result;
    }

    /** @return the server's answer */
    public LoginResult getResult() {
        return this.result;
    }

}
