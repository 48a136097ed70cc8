package io.github.deepstreamspringboot.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every test of a class once per codec (binary and JSON) and transport (standard and Reactor Netty), against the
 * same real server (which serves both endpoints). The class takes the {@link WireProtocol} and the
 * {@link TransportType} as its constructor arguments, and hands them to {@link TestClients} or uses them for URLs and
 * options.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedClass(name = "[{0}, {1}]")
@MethodSource("io.github.deepstreamspringboot.client.TestAxes#protocolsAndTransports")
public @interface EachWireProtocolAndTransport {

}
