package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.DeepstreamError;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.ServerUrl;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.WireProtocol;
import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.internal.protocol.Message;

/**
 * A connection over a {@link ScriptedTransport} and a {@link ManualEventLoop}, with handlers and callbacks run
 * directly on the test's thread, for unit tests of the topic handlers. Not thread-safe.
 */
public final class ScriptedConnection {

    public static final String ACCEPT = "{\"topic\":2,\"action\":4}";

    public static final String AUTH_OK = "{\"topic\":3,\"action\":3}";

    private final ManualEventLoop loop = new ManualEventLoop();

    private final ScriptedTransport transport = new ScriptedTransport();

    private final DefaultDeepstreamClient client;

    private final DeepstreamConnection connection;

    private final FeatureContext context;

    private final List<DeepstreamError> errors = new CopyOnWriteArrayList<>();

    private final AtomicInteger ids = new AtomicInteger();

    public ScriptedConnection(DeepstreamOptions options) {
        this.client = new DefaultDeepstreamClient("deepstream-scripted",
                List.of(ServerUrl.parse("ws://127.0.0.1:6020", WireProtocol.JSON)), options, this.transport,
                new ClientThreads(this.loop, Runnable::run, Runnable::run), () -> 0.5);
        this.connection = this.client.connection();
        this.client.addErrorListener(this.errors::add);
        this.context = new FeatureContext(this.connection, new Payloads(JsonMapper.builder().build()), Runnable::run,
                () -> "id-" + this.ids.incrementAndGet());
    }

    public FeatureContext context() {
        return this.context;
    }

    public DeepstreamConnection connection() {
        return this.connection;
    }

    public ManualEventLoop loop() {
        return this.loop;
    }

    public List<DeepstreamError> errors() {
        return this.errors;
    }

    /** Starts, opens the first socket and logs in. */
    public void start() {
        this.client.connect();
        this.loop.runPending();
        connectAndLogIn();
        this.client.login(Map::of);
        this.loop.runPending();
        receive(AUTH_OK);
    }

    /** Opens the latest socket attempt and, for an automatic re-login, answers it. */
    public void connectAndLogIn() {
        ScriptedTransport.Attempt attempt = this.transport.latest();
        attempt.open();
        this.loop.runPending();
        attempt.receive(ACCEPT);
        this.loop.runPending();
        if (!attempt.sent().isEmpty() && attempt.sent().get(attempt.sent().size() - 1).topic()
                == io.github.deepstreamspringboot.client.Topic.AUTH) {
            receive(AUTH_OK);
        }
    }

    /** The server drops the socket; the client reconnects at once and logs in again. */
    public void reconnect() {
        this.transport.latest().closeByServer();
        this.loop.runPending();
        connectAndLogIn();
    }

    public void lose() {
        this.transport.latest().closeByServer();
        this.loop.runPending();
    }

    public void receive(String json) {
        this.transport.latest().receive(json);
        this.loop.runPending();
    }

    public void advance(Duration duration) {
        this.loop.advance(duration);
    }

    public void runPending() {
        this.loop.runPending();
    }

    /** @return what the client sent on the latest socket, after the handshake */
    public List<Message> sent() {
        List<Message> sent = this.transport.latest().sent();
        return sent.stream().filter((message) -> message.topic().code() > 3).toList();
    }

}
