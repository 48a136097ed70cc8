package io.github.deepstreamspringboot.client.internal.rpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamException;
import io.github.deepstreamspringboot.client.DrainResult;
import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.PayloadConversionException;
import io.github.deepstreamspringboot.client.Topic;
import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.internal.connection.DeepstreamConnection;
import io.github.deepstreamspringboot.client.internal.connection.EventLoop;
import io.github.deepstreamspringboot.client.internal.connection.FeatureContext;
import io.github.deepstreamspringboot.client.internal.connection.SerialExecutor;
import io.github.deepstreamspringboot.client.internal.connection.TopicHandler;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.Payload;
import io.github.deepstreamspringboot.client.internal.protocol.RpcAction;
import io.github.deepstreamspringboot.client.rpc.RpcClient;
import io.github.deepstreamspringboot.client.rpc.RpcErrorKind;
import io.github.deepstreamspringboot.client.rpc.RpcException;
import io.github.deepstreamspringboot.client.rpc.RpcProvider;
import io.github.deepstreamspringboot.client.rpc.RpcRegistration;

/**
 * deepstream RPC: {@link #provide provide} named procedures and {@link #make make} calls.
 *
 * <p>Providers are remembered and provided again, in one bulk message, after every reconnection. Calls made while
 * not logged in wait in the offline queue; every call has a client-side deadline ({@code rpcTimeout}) besides the
 * server's accept and response timeouts, so no future waits forever. A call already sent when the connection is lost
 * fails with {@link RpcErrorKind#CONNECTION_LOST}: the server forgets it, and sending it again could run it twice.
 * Correlation ids are {@code getUid()} values, unique across clients (the server matches responses by id alone).
 *
 * <p><b>Threads.</b> Public methods may be called from any thread; state lives on the event loop. Each provider runs
 * on its own serial executor over the handler pool. Call futures complete on the callback thread.
 */
public final class DefaultRpcClient implements RpcClient, TopicHandler {

    private static final Logger logger = LoggerFactory.getLogger(RpcClient.class);

    static final String SAFE_ERROR = "The provider failed to handle the call";

    private final FeatureContext context;

    private final DeepstreamConnection connection;

    private final Payloads payloads;

    // ---- confined to the event loop --------------------------------------------------------------------------------

    private final Map<String, Provider> providers = new LinkedHashMap<>();

    /** Provide and unprovide requests waiting for their acknowledgement, by correlation id. */
    private final Map<String, List<CompletableFuture<Void>>> pendingAcks = new HashMap<>();

    private final Map<String, OutgoingCall> calls = new HashMap<>();

    /** Requests handed to a provider and not answered yet (answers come from handler threads). */
    private final AtomicInteger answering = new AtomicInteger();

    /**
     * Creates the RPC client of a connection and registers it for the {@link Topic#RPC} topic.
     * @param context the client's feature context
     */
    public DefaultRpcClient(FeatureContext context) {
        this.context = context;
        this.connection = context.connection();
        this.payloads = context.payloads();
        this.connection.setTopicHandler(Topic.RPC, this);
    }

    @Override
    public RpcRegistration provide(String name, RpcProvider provider) {
        requireName(name);
        Objects.requireNonNull(provider, "'provider' must not be null");
        Provider entry = new Provider(name, provider, this.context.newHandlerExecutor("provider of RPC '" + name + "'"),
                new CompletableFuture<>());
        if (!this.connection.execute(() -> addProvider(entry))) {
            entry.provided().completeExceptionally(closed());
        }
        return entry;
    }

    @Override
    public CompletableFuture<JsonNode> make(String name, Object data) {
        return make(name, data, JsonNode.class);
    }

    @Override
    public <T> CompletableFuture<T> make(String name, Object data, Class<T> resultType) {
        requireName(name);
        Objects.requireNonNull(resultType, "'resultType' must not be null");
        CompletableFuture<Payload> result = new CompletableFuture<>();
        Payload payload;
        try {
            // serialized here, on the caller's thread: the loop only queues ready bytes
            payload = (data != null) ? this.payloads.toPayload(data) : null;
        }
        catch (PayloadConversionException ex) {
            report(ErrorKind.PAYLOAD_CONVERSION_ERROR, "RPC '" + name + "': " + ex.getMessage(), name);
            return CompletableFuture.failedFuture(ex);
        }
        String correlationId = this.context.uids().get();
        OutgoingCall call = new OutgoingCall(name, correlationId, result);
        Observation observation = this.context.observations().callStarted(name);
        // the future completes on the callback thread, so the observation's handlers never run on the event loop
        CompletableFuture<Payload> observed = result.whenComplete((value, failure) -> this.context.observations()
            .callEnded(observation, (failure instanceof RpcException rpc) ? rpc.getRpcErrorKind().name()
                    : (failure != null) ? "error" : "success", failure));
        if (!this.connection.execute(() -> startCall(call, payload))) {
            result.completeExceptionally(new RpcException(name, RpcErrorKind.NOT_SENT, "The client is closed", null));
        }
        // the result is read into the caller's type straight from its JSON text, on the callback thread
        return observed.thenApply((value) -> this.payloads.fromPayload(value, resultType));
    }

    // ---- providing (event loop) ------------------------------------------------------------------------------------

    private void addProvider(Provider provider) {
        if (this.providers.putIfAbsent(provider.name(), provider) != null) {
            String problem = "RPC '" + provider.name() + "' is already provided by this client";
            this.connection.reportError(ErrorKind.MULTIPLE_SUBSCRIPTIONS, problem, Topic.RPC, provider.name());
            this.connection.callback(() -> provider.provided()
                .completeExceptionally(new DeepstreamException(ErrorKind.MULTIPLE_SUBSCRIPTIONS, problem)));
            return;
        }
        if (this.connection.isOpen()) {
            sendProvide(List.of(provider.name()), RpcAction.PROVIDE, List.of(provider.provided()));
        }
    }

    private void removeProvider(Provider provider, CompletableFuture<Void> confirmed) {
        if (!this.providers.remove(provider.name(), provider) || !this.connection.isOpen()) {
            this.connection.callback(() -> confirmed.complete(null));
            return;
        }
        sendProvide(List.of(provider.name()), RpcAction.UNPROVIDE, List.of(confirmed));
    }

    private void sendProvide(List<String> names, RpcAction action, List<CompletableFuture<Void>> waiting) {
        String correlationId = this.context.uids().get();
        this.pendingAcks.put(correlationId, waiting);
        EventLoop.Cancellable timeout = this.connection.loop().schedule(() -> {
            List<CompletableFuture<Void>> expired = this.pendingAcks.remove(correlationId);
            if (expired != null) {
                String problem = "no acknowledgement of " + action + " " + names;
                this.connection.reportError(ErrorKind.ACK_TIMEOUT, problem, Topic.RPC);
                expired.forEach((future) -> this.connection.callback(
                        () -> future.completeExceptionally(new DeepstreamException(ErrorKind.ACK_TIMEOUT, problem))));
            }
        }, this.connection.options().requestTimeout());
        waiting.forEach((future) -> future.whenComplete((ignored, failure) -> timeout.cancel()));
        // deepstream needs the names array even for one name: a single "name" crashes the server
        this.connection.sendNow(Message.builder(action).names(names).correlationId(correlationId).build());
    }

    private void onRequest(Message message) {
        Provider provider = this.providers.get(message.name());
        if (provider == null) {
            // no longer provided here: let the server offer it to someone else
            this.connection.sendNow(Message.builder(RpcAction.REJECT).name(message.name())
                .correlationId(message.correlationId()).build());
            return;
        }
        this.answering.incrementAndGet();
        ProvidedResponse response = new ProvidedResponse(message.name(), message.correlationId(), this.context,
                this.answering::decrementAndGet);
        ProvidedRequest request = new ProvidedRequest(message, this.payloads);
        boolean queued = this.context.deliver(provider.executor(), () -> {
            try {
                this.context.observations().answer(message.name(),
                        () -> provider.handler().onRequest(request, response), response::outcome);
            }
            catch (PayloadConversionException ex) {
                report(ErrorKind.PAYLOAD_CONVERSION_ERROR, "request of RPC '" + message.name() + "': "
                        + ex.getMessage(), message.name());
                response.error("The request data could not be read");
                return;
            }
            catch (RuntimeException ex) {
                logger.warn("deepstream RPC provider of '{}' failed", message.name(), ex);
                report(ErrorKind.HANDLER_ERROR, "provider of RPC '" + message.name() + "' failed: " + ex,
                        message.name());
                response.error(SAFE_ERROR);
                return;
            }
            response.acceptIfPending();
        }, Topic.RPC, message.name());
        if (!queued) {
            // the provider is a slow consumer: the server can offer the request to another provider
            response.reject();
        }
    }

    // ---- calling (event loop) --------------------------------------------------------------------------------------

    private void startCall(OutgoingCall call, Payload data) {
        this.calls.put(call.correlationId(), call);
        call.setDeadline(this.connection.loop().schedule(() -> fail(call.correlationId(), RpcErrorKind.CLIENT_TIMEOUT,
                "no result within " + this.connection.options().rpcTimeout(), null),
                this.connection.options().rpcTimeout()));
        Message request = Message.builder(RpcAction.REQUEST).name(call.name()).correlationId(call.correlationId())
            .payload(data).build();
        this.connection.send(request, call::markSent).whenComplete((ignored, failure) -> {
            if (failure != null) {
                this.connection.execute(() -> fail(call.correlationId(), RpcErrorKind.NOT_SENT,
                        "the call could not be sent: " + failure.getMessage(), null));
            }
        });
    }

    private void onCallReply(Message message, RpcAction action) {
        switch (action) {
            case ACCEPT -> {
                // accepted: the response (or the server's response timeout) follows
            }
            case RESPONSE -> succeed(message.correlationId(), message.rawPayload());
            case REQUEST_ERROR -> fail(message.correlationId(), RpcErrorKind.PROVIDER_ERROR,
                    "the provider failed: " + describe(message.payload()), message.payload());
            case NO_RPC_PROVIDER -> fail(message.correlationId(), RpcErrorKind.NO_RPC_PROVIDER,
                    "no provider for the call", null);
            case ACCEPT_TIMEOUT -> fail(message.correlationId(), RpcErrorKind.ACCEPT_TIMEOUT,
                    "no provider accepted the call in time", null);
            case RESPONSE_TIMEOUT -> fail(message.correlationId(), RpcErrorKind.RESPONSE_TIMEOUT,
                    "the provider did not respond in time", null);
            default -> {
            }
        }
    }

    private void succeed(String correlationId, Payload result) {
        OutgoingCall call = this.calls.remove(correlationId);
        if (call != null) {
            call.cancelDeadline();
            this.connection.callback(() -> call.result().complete(result));
        }
    }

    private void fail(String correlationId, RpcErrorKind kind, String problem, JsonNode errorData) {
        OutgoingCall call = this.calls.remove(correlationId);
        if (call != null) {
            call.cancelDeadline();
            RpcException failure = new RpcException(call.name(), kind, "RPC '" + call.name() + "': " + problem,
                    errorData);
            this.connection.callback(() -> call.result().completeExceptionally(failure));
        }
    }

    // ---- topic handler (event loop) --------------------------------------------------------------------------------

    @Override
    public void onMessage(Message message) {
        RpcAction action = RpcAction.of(message.action());
        if (action == null) {
            this.connection.reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message, Topic.RPC);
            return;
        }
        switch (action) {
            case REQUEST -> onRequest(message);
            case ACCEPT, RESPONSE, REQUEST_ERROR, NO_RPC_PROVIDER, ACCEPT_TIMEOUT, RESPONSE_TIMEOUT ->
                onCallReply(message, action);
            case PROVIDE, UNPROVIDE -> acknowledge(message.correlationId());
            case MESSAGE_DENIED, MESSAGE_PERMISSION_ERROR -> onDenied(message, action);
            case MULTIPLE_PROVIDERS -> this.connection.reportError(ErrorKind.MULTIPLE_SUBSCRIPTIONS,
                    "the server already had a provider of '" + message.name() + "' for this connection", Topic.RPC,
                    message.name());
            case INVALID_RPC_CORRELATION_ID -> {
                if (this.calls.containsKey(message.correlationId())) {
                    fail(message.correlationId(), RpcErrorKind.INVALID_CORRELATION_ID, "the server no longer knew "
                            + "the call", null);
                }
                else {
                    this.connection.reportError(ErrorKind.INVALID_MESSAGE, "the server no longer knew call "
                            + message.correlationId() + " of '" + message.name() + "' (answered too late?)",
                            Topic.RPC, message.name());
                }
            }
            default -> this.connection.reportError(ErrorKind.UNSOLICITED_MESSAGE, "unexpected " + message,
                    Topic.RPC, message.name());
        }
    }

    private void acknowledge(String correlationId) {
        List<CompletableFuture<Void>> waiting = this.pendingAcks.remove(correlationId);
        if (waiting != null) {
            waiting.forEach((future) -> this.connection.callback(() -> future.complete(null)));
        }
    }

    private void onDenied(Message message, RpcAction action) {
        ErrorKind kind = (action == RpcAction.MESSAGE_DENIED) ? ErrorKind.MESSAGE_DENIED
                : ErrorKind.MESSAGE_PERMISSION_ERROR;
        Integer original = message.originalAction();
        if (original != null && original == RpcAction.PROVIDE.code()) {
            String problem = "the server refused to let this client provide '" + message.name() + "' (" + kind + ")";
            this.connection.reportError(kind, problem, Topic.RPC, message.name());
            Provider provider = this.providers.remove(message.name());
            if (provider != null) {
                this.connection.callback(
                        () -> provider.provided().completeExceptionally(new DeepstreamException(kind, problem)));
            }
            return;
        }
        this.connection.reportError(kind, "the server refused a call of '" + message.name() + "' (" + kind + ")",
                Topic.RPC, message.name());
        fail(message.correlationId(), RpcErrorKind.MESSAGE_DENIED, "refused by the server's permissions", null);
    }

    @Override
    public void onLoggedIn() {
        if (!this.providers.isEmpty()) {
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            this.providers.values().forEach((provider) -> waiting.add(provider.provided()));
            sendProvide(new ArrayList<>(this.providers.keySet()), RpcAction.PROVIDE, waiting);
        }
    }

    @Override
    public void onConnectionLost() {
        this.pendingAcks.clear();
        for (OutgoingCall call : new ArrayList<>(this.calls.values())) {
            if (call.sent()) {
                fail(call.correlationId(), RpcErrorKind.CONNECTION_LOST, "the connection was lost before the result",
                        null);
            }
        }
    }

    @Override
    public void onDrain() {
        // withdrawn in one message, as they are provided after a login; requests already on their way are rejected
        // by onRequest, and the server offers them to another provider
        if (!this.providers.isEmpty() && this.connection.isOpen()) {
            sendProvide(new ArrayList<>(this.providers.keySet()), RpcAction.UNPROVIDE, List.of());
        }
        this.providers.clear();
    }

    @Override
    public void countPending(Map<DrainResult.Work, Integer> pending) {
        pending.merge(DrainResult.Work.RPC_CALLS, this.calls.size(), Integer::sum);
        pending.merge(DrainResult.Work.RPC_RESPONSES, this.answering.get(), Integer::sum);
    }

    private void report(ErrorKind kind, String problem, String name) {
        report(this.connection, kind, problem, name);
    }

    static void report(DeepstreamConnection connection, ErrorKind kind, String problem, String name) {
        connection.execute(() -> connection.reportError(kind, problem, Topic.RPC, name));
    }

    private static String describe(JsonNode payload) {
        if (payload == null) {
            return "(no message)";
        }
        return payload.isString() ? payload.stringValue() : payload.toString();
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("'name' must not be empty");
        }
    }

    private static DeepstreamException closed() {
        return new DeepstreamException(ErrorKind.IS_CLOSED, "The client is closed");
    }

    private final class Provider implements RpcRegistration {

        private final String name;

        private final RpcProvider handler;

        private final SerialExecutor executor;

        private final CompletableFuture<Void> provided;

        Provider(String name, RpcProvider handler, SerialExecutor executor, CompletableFuture<Void> provided) {
            this.name = name;
            this.handler = handler;
            this.executor = executor;
            this.provided = provided;
        }

        @Override
        public String name() {
            return this.name;
        }

        RpcProvider handler() {
            return this.handler;
        }

        SerialExecutor executor() {
            return this.executor;
        }

        CompletableFuture<Void> provided() {
            return this.provided;
        }

        @Override
        public CompletableFuture<Void> whenProvided() {
            return this.provided;
        }

        @Override
        public CompletableFuture<Void> unprovide() {
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            if (!DefaultRpcClient.this.connection.execute(() -> removeProvider(this, confirmed))) {
                confirmed.complete(null);
            }
            return confirmed;
        }

        @Override
        public void close() {
            unprovide();
        }

    }

}
