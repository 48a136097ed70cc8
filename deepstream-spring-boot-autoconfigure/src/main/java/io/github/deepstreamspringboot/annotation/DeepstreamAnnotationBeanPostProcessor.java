package io.github.deepstreamspringboot.annotation;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;

/**
 * Finds {@link DeepstreamEventListener} and {@link DeepstreamRpcProvider} methods on beans and collects them for
 * {@link DeepstreamHandlerRegistry}, which registers them when the context starts. Names may hold {@code ${…}}
 * placeholders, resolved against the environment here; one that does not resolve fails the bean's creation, naming
 * the bean, the method and the placeholder. Classes without such methods are remembered so they are scanned once.
 * Thread-safe.
 */
public class DeepstreamAnnotationBeanPostProcessor implements BeanPostProcessor, EnvironmentAware {

    private @Nullable Environment environment;

    private final Set<Class<?>> withoutHandlers = ConcurrentHashMap.newKeySet();

    private final List<DeepstreamHandlerMethod> handlers = new CopyOnWriteArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        if (this.withoutHandlers.contains(type)) {
            return bean;
        }
        Map<Method, DeepstreamEventListener> listeners = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<DeepstreamEventListener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, DeepstreamEventListener.class));
        Map<Method, DeepstreamRpcProvider> providers = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<DeepstreamRpcProvider>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, DeepstreamRpcProvider.class));
        if (listeners.isEmpty() && providers.isEmpty()) {
            this.withoutHandlers.add(type);
            return bean;
        }
        listeners.forEach((method, annotation) -> this.handlers.add(new DeepstreamHandlerMethod(
                DeepstreamHandlerMethod.Kind.EVENT_LISTENER, resolve(annotation.value(), "@DeepstreamEventListener",
                        method, beanName), bean, invocable(method, bean))));
        providers.forEach((method, annotation) -> this.handlers.add(new DeepstreamHandlerMethod(
                DeepstreamHandlerMethod.Kind.RPC_PROVIDER, resolve(annotation.value(), "@DeepstreamRpcProvider",
                        method, beanName), bean, invocable(method, bean))));
        return bean;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** Resolves the placeholders of a handler's name; one that does not resolve, or an empty name, fails. */
    private String resolve(String name, String annotation, Method method, String beanName) {
        String resolved;
        try {
            resolved = (this.environment != null) ? this.environment.resolveRequiredPlaceholders(name) : name;
        }
        catch (IllegalArgumentException ex) {
            throw new BeanCreationException(beanName, annotation + "(\"" + name + "\") on "
                    + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ": " + ex.getMessage()
                    + "; set the property, or give the placeholder a default (${name:default})", ex);
        }
        if (resolved.isBlank()) {
            throw new BeanCreationException(beanName, annotation + "(\"" + name + "\") on "
                    + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ": the name is empty");
        }
        return resolved;
    }

    private static Method invocable(Method method, Object bean) {
        // a proxy (e.g. @Transactional) must be called through its interface method, or the advice is skipped
        return AopUtils.selectInvocableMethod(method, bean.getClass());
    }

    List<DeepstreamHandlerMethod> handlers() {
        return this.handlers;
    }

}
