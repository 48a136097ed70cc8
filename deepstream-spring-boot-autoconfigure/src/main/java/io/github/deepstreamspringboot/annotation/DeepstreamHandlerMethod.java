package io.github.deepstreamspringboot.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.JsonNode;

import io.github.deepstreamspringboot.client.PayloadConversionException;
import io.github.deepstreamspringboot.client.internal.Payloads;

/**
 * One annotated bean method and how to call it with a payload: converts the data to the first parameter's (generic)
 * type and passes the name as the second parameter when the method has one. Immutable and thread-safe.
 *
 * @param kind whether the method listens to events or provides an RPC
 * @param name the event or RPC name
 * @param bean the bean
 * @param method the method
 * @param payloadType the first parameter's (generic) type, {@code null} if the method takes none
 * @param payloadClass what to ask the client for: the parameter's own class when the client can bind the payload to
 * it directly, from the payload's JSON text with no tree on the way (a class without type parameters); else
 * {@link JsonNode}, which {@link #invoke} converts (generic types, {@code String}'s "any payload as text",
 * primitives, supertypes of {@code JsonNode} such as {@code Object}, no parameter)
 */
record DeepstreamHandlerMethod(Kind kind, String name, Object bean, Method method, Type payloadType,
        Class<?> payloadClass) {

    DeepstreamHandlerMethod(Kind kind, String name, Object bean, Method method) {
        this(kind, name, bean, method, (method.getParameterCount() > 0) ? method.getGenericParameterTypes()[0] : null,
                payloadClassOf(method));
    }

    DeepstreamHandlerMethod {
        int parameters = method.getParameterCount();
        if (parameters > 2 || (parameters == 2 && method.getParameterTypes()[1] != String.class)) {
            throw new IllegalStateException("@" + kind.annotation() + " method " + method + " must take the data "
                    + "and optionally the name (String) as parameters, nothing else");
        }
        ReflectionUtils.makeAccessible(method);
    }

    private static Class<?> payloadClassOf(Method method) {
        if (method.getParameterCount() == 0) {
            return JsonNode.class;
        }
        Type type = method.getGenericParameterTypes()[0];
        // a supertype of JsonNode (Object, Iterable, ...) has always been given the tree itself
        boolean bindsDirectly = type instanceof Class<?> plain && plain != String.class && !plain.isPrimitive()
                && !plain.isAssignableFrom(JsonNode.class);
        return bindsDirectly ? (Class<?>) type : JsonNode.class;
    }

    /**
     * Calls the method.
     * @param data the payload: a value of {@link #payloadClass()}, as the client bound it
     * @param payloads converts a {@link JsonNode} payload to the parameter's type
     * @return what the method returned
     * @throws PayloadConversionException if the payload does not convert
     * @throws Exception what the method threw
     */
    Object invoke(Object data, Payloads payloads) throws Exception {
        Object[] arguments = new Object[this.method.getParameterCount()];
        if (arguments.length > 0) {
            arguments[0] = (this.payloadClass == JsonNode.class) ? convert((JsonNode) data, this.payloadType, payloads)
                    : data;
        }
        if (arguments.length > 1) {
            arguments[1] = this.name;
        }
        try {
            return this.method.invoke(this.bean, arguments);
        }
        catch (InvocationTargetException ex) {
            throw (ex.getCause() instanceof Exception cause) ? cause : ex;
        }
    }

    private static Object convert(JsonNode data, Type type, Payloads payloads) {
        if (type == String.class && data != null && !data.isString() && !data.isNull()) {
            // a String parameter takes any payload, as JSON text when it is not a JSON string
            return data.toString();
        }
        return payloads.fromJson(data, type);
    }

    String description() {
        return this.bean.getClass().getSimpleName() + "." + this.method.getName();
    }

    enum Kind {

        EVENT_LISTENER("DeepstreamEventListener"), RPC_PROVIDER("DeepstreamRpcProvider");

        private final String annotation;

        Kind(String annotation) {
            this.annotation = annotation;
        }

        String annotation() {
            return this.annotation;
        }

    }

}
