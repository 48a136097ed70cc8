package io.github.deepstreamspringboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Subscribes a bean method to a deepstream event. The method takes the event's data as its first parameter, converted
 * with the application's JSON mapper ({@code JsonNode}, {@code String}, {@code Map}, a record or POJO, a generic type
 * such as {@code List<Order>}), and optionally the event name as a second {@code String} parameter; or no parameter
 * at all. Subscribed when the application context starts, unsubscribed when it stops. The method runs on a handler
 * thread of its own, one event at a time, in order; data that does not convert is reported as a
 * {@code PAYLOAD_CONVERSION_ERROR} and skipped, and an exception is reported as a {@code HANDLER_ERROR}.
 * <p>Ready for AOT and native images: the method and its payload types get their reflection hints at build time.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(DeepstreamHandlerReflectiveProcessor.class)
public @interface DeepstreamEventListener {

    /**
     * The event name. It may hold {@code ${…}} placeholders, resolved against the environment when the bean is
     * created ({@code "${orders.topic}"}, {@code "${orders.topic:orders/created}"}); one that does not resolve fails
     * start-up, naming the bean and the method.
     * @return the name
     */
    String value();

}
