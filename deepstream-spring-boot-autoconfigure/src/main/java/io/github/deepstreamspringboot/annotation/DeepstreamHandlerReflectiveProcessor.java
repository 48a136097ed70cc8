package io.github.deepstreamspringboot.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;

/**
 * The AOT hints of a {@link DeepstreamEventListener} or {@link DeepstreamRpcProvider} method, found through the
 * {@code @Reflective} on those annotations: the method is invoked reflectively, and Jackson binds its payload type
 * (the first parameter) and, for a provider, its result (the return type, or what a returned
 * {@link CompletionStage} completes with), generic arguments included.
 *
 * <p><b>Thread model.</b> Stateless; used by Spring's AOT processing at build time.
 */
final class DeepstreamHandlerReflectiveProcessor extends SimpleReflectiveProcessor {

    private final BindingReflectionHintsRegistrar bindingHints = new BindingReflectionHintsRegistrar();

    @Override
    protected void registerMethodHint(ReflectionHints hints, Method method) {
        super.registerMethodHint(hints, method);
        if (method.getParameterCount() > 0) {
            this.bindingHints.registerReflectionHints(hints, method.getGenericParameterTypes()[0]);
        }
        Type result = method.getGenericReturnType();
        if (CompletionStage.class.isAssignableFrom(method.getReturnType())) {
            // what the future completes with: CompletableFuture<Quote> and CompletionStage<Quote> name it directly
            result = (result instanceof ParameterizedType future) ? future.getActualTypeArguments()[0] : Object.class;
        }
        if (result != void.class) {
            this.bindingHints.registerReflectionHints(hints, result);
        }
    }

}
