package io.github.deepstreamspringboot.autoconfigure;

import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.TransportType;
import io.github.deepstreamspringboot.client.observation.EventObservationConvention;
import io.github.deepstreamspringboot.client.observation.RecordWriteObservationConvention;
import io.github.deepstreamspringboot.client.observation.RpcObservationConvention;
import io.github.deepstreamspringboot.client.record.MergeStrategy;

/**
 * Auto-configuration of a managed {@link DeepstreamClient}. Beans, each backing off when you define your own:
 * <ul>
 * <li>{@link DeepstreamConnectionDetails} from {@code deepstream.url} or {@code deepstream.urls};</li>
 * <li>{@link DeepstreamAuthParamsSupplier} from {@code deepstream.auth.*}, asked on every (re)login;</li>
 * <li>{@link DeepstreamOptions} from the properties and every {@link DeepstreamOptionsBuilderCustomizer};</li>
 * <li>{@code deepstreamClient}, customized by every {@link DeepstreamClientCustomizer}, among them
 * {@link DeepstreamApplicationEventsCustomizer}, which republishes its states, errors and logins as application
 * events;</li>
 * <li>{@link DeepstreamClientLifecycle}, which connects once the application has started, and drains and closes
 * the client after the web server has drained on shutdown;</li>
 * <li>{@link DeepstreamStartupLogin}, which logs in when the application is ready (unless
 * {@code deepstream.login-on-startup=false});</li>
 * <li>the processing of {@code @DeepstreamEventListener} and {@code @DeepstreamRpcProvider} methods
 * ({@link DeepstreamAnnotationDrivenConfiguration}).</li>
 * </ul>
 * Payloads are converted with the application's {@link JsonMapper} when there is one. With an
 * {@link ObservationRegistry} bean, RPC calls made and answered, events emitted and delivered and record writes with
 * acknowledgement are observed, named
 * {@code deepstream.*} (so {@code management.observations.enable.deepstream=false} turns them off), with a
 * {@link RpcObservationConvention}, {@link EventObservationConvention} or {@link RecordWriteObservationConvention} bean
 * replacing the default conventions. With {@code spring.threads.virtual.enabled=true} on Java 21 or later, listeners,
 * callbacks and handlers (annotated ones included) run on virtual threads, as Spring Kafka's and Spring AMQP's
 * listeners do; the client's event loop stays a platform thread. In a reactive web application,
 * {@code deepstream.transport=auto} (the default) puts the client on Reactor Netty's event loops.
 * Nothing is created with {@code deepstream.enabled=false}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass(DeepstreamClient.class)
@ConditionalOnBooleanProperty(name = "deepstream.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ DeepstreamProperties.class, DeepstreamDevServerProperties.class })
@Import(DeepstreamAnnotationDrivenConfiguration.class)
public final class DeepstreamAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(DeepstreamConnectionDetails.class)
    PropertiesDeepstreamConnectionDetails deepstreamConnectionDetails(DeepstreamProperties properties) {
        return new PropertiesDeepstreamConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean(DeepstreamAuthParamsSupplier.class)
    PropertiesDeepstreamAuthParamsSupplier deepstreamAuthParamsSupplier(DeepstreamProperties properties) {
        return new PropertiesDeepstreamAuthParamsSupplier(properties.getAuth());
    }

    @Bean
    @ConditionalOnMissingBean
    DeepstreamOptions deepstreamOptions(DeepstreamProperties properties, DeepstreamAuthParamsSupplier authParams,
            ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<MergeStrategy> mergeStrategy,
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<RpcObservationConvention> rpcConvention,
            ObjectProvider<EventObservationConvention> eventConvention,
            ObjectProvider<RecordWriteObservationConvention> recordWriteConvention,
            ObjectProvider<DeepstreamOptionsBuilderCustomizer> customizers, Environment environment) {
        // connect once the application has started (DeepstreamClientLifecycle), every listener registered by then
        DeepstreamOptions.Builder builder = DeepstreamOptionsFactory.builder(properties)
            .authParams(authParams)
            .autoConnect(false)
            .virtualThreads(Threading.VIRTUAL.isActive(environment));
        String bundle = properties.getSsl().getBundle();
        if (bundle != null && !bundle.isBlank()) {
            builder.sslContext(DeepstreamOptionsFactory.sslContext(bundle, sslBundles.getIfAvailable()));
        }
        jsonMapper.ifUnique(builder::jsonMapper);
        observationRegistry.ifUnique(builder::observationRegistry);
        rpcConvention.ifUnique(builder::rpcObservationConvention);
        eventConvention.ifUnique(builder::eventObservationConvention);
        recordWriteConvention.ifUnique(builder::recordWriteObservationConvention);
        mergeStrategy.ifUnique(builder::mergeStrategy);
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return DeepstreamOptionsFactory.build(builder);
    }

    @Bean
    @ConditionalOnMissingBean
    DeepstreamApplicationEventsCustomizer deepstreamApplicationEventsCustomizer(ApplicationEventPublisher publisher) {
        return new DeepstreamApplicationEventsCustomizer(publisher);
    }

    @Bean
    @ConditionalOnMissingBean
    DeepstreamClient deepstreamClient(DeepstreamConnectionDetails connectionDetails, DeepstreamOptions options,
            DeepstreamProperties properties, DeepstreamDevServerProperties devServer,
            ObjectProvider<DeepstreamClientCustomizer> customizers) {
        DeepstreamClient client = DeepstreamOptionsFactory.createClient(connectionDetails.getUrls(), options,
                properties.getSsl().required(), devServer.isEnabled());
        customizers.orderedStream().forEach((customizer) -> customizer.customize(client));
        return client;
    }

    @Bean
    @ConditionalOnMissingBean
    DeepstreamClientLifecycle deepstreamClientLifecycle(DeepstreamClient client, DeepstreamProperties properties) {
        Duration drainTimeout = properties.getShutdown().getDrainTimeout();
        if (drainTimeout == null || drainTimeout.isNegative()) {
            throw new InvalidDeepstreamPropertyException("deepstream.shutdown.drain-timeout",
                    "the drain timeout must not be negative but was " + drainTimeout,
                    "Set deepstream.shutdown.drain-timeout to 0s (close at once) or more, e.g. 10s.", null);
        }
        return new DeepstreamClientLifecycle(client, drainTimeout);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "deepstream.login-on-startup", matchIfMissing = true)
    DeepstreamStartupLogin deepstreamStartupLogin(DeepstreamClient client) {
        return new DeepstreamStartupLogin(client);
    }

    /**
     * In a reactive web application, {@code deepstream.transport=auto} means Reactor Netty: the application has it
     * already, and its event loops are the ones the client joins. First of the customizers, so that an application's
     * own can still choose otherwise.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "reactor.netty.http.HttpResources")
    static class ReactiveTransportConfiguration {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        DeepstreamOptionsBuilderCustomizer deepstreamReactiveTransportCustomizer(DeepstreamProperties properties) {
            return (builder) -> {
                if (properties.getTransport() == TransportType.AUTO) {
                    builder.transport(TransportType.REACTOR_NETTY);
                }
            };
        }

    }

}
