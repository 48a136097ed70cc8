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
 */
record DeepstreamHandlerMethod(Kind kind, String name, Object bean, Method method) {

    DeepstreamHandlerMethod {
        int parameters = method.getParameterCount();
        if (parameters > 2 || (parameters == 2 && method.getParameterTypes()[1] != String.class)) {
            throw new IllegalStateException("@" + kind.annotation() + " method " + method + " must take the data "
                    + "and optionally the name (String) as parameters, nothing else");
        }
        ReflectionUtils.makeAccessible(method);
    }

    /**
     * Calls the method.
     * @param data the payload
     * @param payloads converts the payload
     * @return what the method returned
     * @throws PayloadConversionException if the payload does not convert
     * @throws Exception what the method threw
     */
    Object invoke(JsonNode data, Payloads payloads) throws Exception {
        Object[] arguments = new Object[this.method.getParameterCount()];
        if (arguments.length > 0) {
            arguments[0] = convert(data, this.method.getGenericParameterTypes()[0], payloads);
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
