package io.github.deepstreamspringboot.annotation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.PayloadConversionException;
import io.github.deepstreamspringboot.client.Subscription;
import io.github.deepstreamspringboot.client.internal.Payloads;
import io.github.deepstreamspringboot.client.rpc.RpcRegistration;
import io.github.deepstreamspringboot.client.rpc.RpcRequest;
import io.github.deepstreamspringboot.client.rpc.RpcResponse;

/**
 * Registers the annotated handler methods with the client when the context starts and removes them when it stops.
 * It runs in the last phase: it starts after the client's lifecycle (so subscriptions go out with the login) and stops
 * before it, withdrawing RPC providers (waiting for the server to confirm, up to the shutdown's drain timeout: a
 * loaded connection delivers the confirmation behind what it still has to send) while the connection is still open.
 * Thread-safe.
 */
public class DeepstreamHandlerRegistry implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(DeepstreamHandlerRegistry.class);

    /** Sent to a remote caller when a provider method throws: nothing of the exception leaves this service. */
    static final String SAFE_ERROR = "Internal error in the RPC provider";

    private final DeepstreamAnnotationBeanPostProcessor processor;

    private final DeepstreamClient client;

    private final Payloads payloads;

    private final Duration unprovideWait;

    private final List<Subscription> subscriptions = new ArrayList<>();

    private final List<RpcRegistration> registrations = new ArrayList<>();

    private volatile boolean running;

    /**
     * Creates the registry.
     * @param processor where the annotated methods were collected
     * @param client the client to register them with
     * @param jsonMapper converts payloads to the methods' parameter types
     * @param unprovideWait how long stopping waits for the server to confirm that the providers are withdrawn
     */
    public DeepstreamHandlerRegistry(DeepstreamAnnotationBeanPostProcessor processor, DeepstreamClient client,
            JsonMapper jsonMapper, Duration unprovideWait) {
        this.processor = processor;
        this.client = client;
        this.payloads = new Payloads(jsonMapper);
        this.unprovideWait = unprovideWait;
    }

    @Override
    public synchronized void start() {
        for (DeepstreamHandlerMethod handler : this.processor.handlers()) {
            if (handler.kind() == DeepstreamHandlerMethod.Kind.EVENT_LISTENER) {
                @SuppressWarnings("unchecked")
                Class<Object> payloadClass = (Class<Object>) handler.payloadClass();
                this.subscriptions.add(this.client.event().subscribe(handler.name(), payloadClass,
                        (data) -> onEvent(handler, data)));
            }
            else {
                this.registrations.add(this.client.rpc().provide(handler.name(),
                        (request, response) -> onRequest(handler, request, response)));
            }
            logger.debug("Registered @{} {} for '{}'", handler.kind().annotation(), handler.description(),
                    handler.name());
        }
        this.running = true;
    }

    @Override
    public synchronized void stop() {
        this.running = false;
        List<CompletableFuture<Void>> withdrawn = new ArrayList<>();
        this.registrations.forEach((registration) -> withdrawn.add(registration.unprovide()));
        try {
            CompletableFuture.allOf(withdrawn.toArray(CompletableFuture[]::new))
                .get(this.unprovideWait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            logger.warn("deepstream RPC providers were not all withdrawn within {}: {}", this.unprovideWait,
                    ex.toString());
        }
        this.subscriptions.forEach(Subscription::close);
        if (!this.subscriptions.isEmpty() || !this.registrations.isEmpty()) {
            logger.info("Withdrew {} @DeepstreamRpcProvider and {} @DeepstreamEventListener methods",
                    this.registrations.size(), this.subscriptions.size());
        }
        this.subscriptions.clear();
        this.registrations.clear();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    private void onEvent(DeepstreamHandlerMethod handler, Object data) {
        // the client reports conversion failures and exceptions of the handler to its error listeners
        try {
            handler.invoke(data, this.payloads);
        }
        catch (RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new IllegalStateException("@DeepstreamEventListener " + handler.description() + " failed", ex);
        }
    }

    private void onRequest(DeepstreamHandlerMethod handler, RpcRequest request, RpcResponse response) {
        Object result;
        try {
            result = handler.invoke(request.data(handler.payloadClass()), this.payloads);
        }
        catch (PayloadConversionException ex) {
            // the client reports it and answers the caller
            throw ex;
        }
        catch (Exception ex) {
            logger.warn("@DeepstreamRpcProvider {} failed for '{}'", handler.description(), handler.name(), ex);
            response.error(SAFE_ERROR);
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    logger.warn("@DeepstreamRpcProvider {} failed for '{}'", handler.description(), handler.name(),
                            failure);
                    response.error(SAFE_ERROR);
                }
                else {
                    response.send(value);
                }
            });
            return;
        }
        response.send(result);
    }

}
