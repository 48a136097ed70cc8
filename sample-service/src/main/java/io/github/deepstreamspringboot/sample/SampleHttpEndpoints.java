package io.github.deepstreamspringboot.sample;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamException;

/**
 * HTTP in, deepstream out: what a service does while a request is being served, and so what a deploy must not lose.
 * Names may hold slashes, as deepstream names often do ({@code POST /events/orders/created}).
 * <ul>
 * <li>{@code POST /events/{name}} with a JSON body emits the event {@code name} with that body: {@code 202} once the
 * client has sent it to the server;</li>
 * <li>{@code PUT /records/{name}} with a JSON body writes the record {@code name} with that body: {@code 204} once the
 * server has stored it (a write with acknowledgement);</li>
 * <li>{@code POST /rpc/{name}} with a JSON body calls the RPC {@code name} with that body: {@code 200} with the
 * provider's answer.</li>
 * </ul>
 * A refusal (the client is closed, or its backlog is full) answers {@code 503} with the error kind, and so does an RPC
 * that fails (no provider, a provider's error, a timeout). Both methods return
 * a future, so no request thread waits on deepstream.
 */
@RestController
class SampleHttpEndpoints {

    private static final Logger logger = LoggerFactory.getLogger(SampleHttpEndpoints.class);

    private final DeepstreamClient client;

    SampleHttpEndpoints(DeepstreamClient client) {
        this.client = client;
    }

    @PostMapping("/events/{*name}")
    CompletableFuture<ResponseEntity<Object>> emit(@PathVariable String name, @RequestBody JsonNode body) {
        return answer(this.client.event().emit(deepstreamName(name), body), HttpStatus.ACCEPTED);
    }

    @PutMapping("/records/{*name}")
    CompletableFuture<ResponseEntity<Object>> write(@PathVariable String name, @RequestBody JsonNode body) {
        return answer(this.client.record().setDataWithAck(deepstreamName(name), body), HttpStatus.NO_CONTENT);
    }

    @PostMapping("/rpc/{*name}")
    CompletableFuture<ResponseEntity<Object>> make(@PathVariable String name, @RequestBody JsonNode body) {
        return answer(this.client.rpc().make(deepstreamName(name), body, JsonNode.class), HttpStatus.OK);
    }

    /** deepstream names often hold slashes ({@code sample/greetings}): the rest of the path, without its first one. */
    private static String deepstreamName(String path) {
        return path.substring(1);
    }

    private static CompletableFuture<ResponseEntity<Object>> answer(CompletableFuture<?> done, HttpStatus status) {
        return done.handle((result, failure) -> {
            if (failure == null) {
                return ResponseEntity.status(status).body(result);
            }
            Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
            String kind = (cause instanceof DeepstreamException deepstream) ? deepstream.getKind().name()
                    : cause.getClass().getSimpleName();
            logger.debug("deepstream refused a request: {}", cause.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", kind));
        });
    }

}
