package io.github.deepstreamspringboot.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a class once per codec, binary and JSON, against the same real server (which serves both
 * endpoints). The class takes the {@link WireProtocol} as its constructor argument, and hands it to
 * {@link TestClients} or uses it for URLs and options.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedClass(name = "[{arguments}]")
@EnumSource(value = WireProtocol.class, names = { "BINARY", "JSON" })
public @interface EachWireProtocol {

}
