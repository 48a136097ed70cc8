package io.github.deepstreamspringboot.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a class once per transport, standard and Reactor Netty, for the real-server tests that have no
 * reason to try both codecs. The class takes the {@link TransportType} as its constructor argument and puts it in the
 * options of every client it creates.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedClass(name = "[{arguments}]")
@EnumSource(value = TransportType.class, names = { "STANDARD", "REACTOR_NETTY" })
public @interface EachTransport {

}
