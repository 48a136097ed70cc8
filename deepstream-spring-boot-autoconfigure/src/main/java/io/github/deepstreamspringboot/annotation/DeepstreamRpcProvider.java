package io.github.deepstreamspringboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Provides a deepstream RPC with a bean method. The method takes the request data as its first parameter (converted
 * like {@link DeepstreamEventListener}'s) and optionally the RPC name as a second {@code String}; its return value, or
 * the value of a returned {@code CompletionStage}, is sent as the response ({@code void} sends {@code null}). An
 * exception becomes an error response with a generic message (nothing of it reaches the remote caller) and is logged
 * here. Provided when the application context starts; withdrawn early in shutdown, before the connection closes, so
 * that callers are routed to other providers instead of timing out.
 * <p>Ready for AOT and native images: the method and its payload types get their reflection hints at build time.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(DeepstreamHandlerReflectiveProcessor.class)
public @interface DeepstreamRpcProvider {

    /**
     * The RPC name. It may hold {@code ${…}} placeholders, resolved against the environment when the bean is
     * created ({@code "${orders.topic}"}, {@code "${orders.topic:orders/created}"}); one that does not resolve fails
     * start-up, naming the bean and the method.
     * @return the name
     */
    String value();

}
