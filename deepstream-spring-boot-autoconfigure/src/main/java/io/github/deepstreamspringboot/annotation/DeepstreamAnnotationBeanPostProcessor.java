package io.github.deepstreamspringboot.annotation;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds {@link DeepstreamEventListener} and {@link DeepstreamRpcProvider} methods on beans and collects them for
 * {@link DeepstreamHandlerRegistry}, which registers them when the context starts. Classes without such methods are
 * remembered so they are scanned once. Thread-safe.
 */
public class DeepstreamAnnotationBeanPostProcessor implements BeanPostProcessor {

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
                DeepstreamHandlerMethod.Kind.EVENT_LISTENER, annotation.value(), bean, invocable(method, bean))));
        providers.forEach((method, annotation) -> this.handlers.add(new DeepstreamHandlerMethod(
                DeepstreamHandlerMethod.Kind.RPC_PROVIDER, annotation.value(), bean, invocable(method, bean))));
        return bean;
    }

    private static Method invocable(Method method, Object bean) {
        // a proxy (e.g. @Transactional) must be called through its interface method, or the advice is skipped
        return AopUtils.selectInvocableMethod(method, bean.getClass());
    }

    List<DeepstreamHandlerMethod> handlers() {
        return this.handlers;
    }

}
