package io.github.deepstreamspringboot.client;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Captures standard output and standard error during each test, still printing them, and hands the test a
 * {@link CapturedOutput}: the client's tests read their log lines with it without Spring Boot's test support (the
 * client is tested with no Spring Boot artifact on its class path). Logback's console appender writes to whatever
 * {@code System.out} is at the time, so the log is captured too.
 *
 * <p><b>Thread model.</b> One test at a time per JVM (the streams are global); the buffer is synchronized, so lines
 * printed by the client's threads are kept.
 */
public final class OutputCaptureExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
        .create(OutputCaptureExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        Capture capture = new Capture();
        context.getStore(NAMESPACE).put(Capture.class, capture);
        capture.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Capture capture = context.getStore(NAMESPACE).remove(Capture.class, Capture.class);
        if (capture != null) {
            capture.stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CapturedOutput.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Capture.class, Capture.class);
    }

    /** The two swapped streams of one test. */
    private static final class Capture implements CapturedOutput {

        private final ByteArrayOutputStream all = new ByteArrayOutputStream();

        private PrintStream originalOut;

        private PrintStream originalErr;

        void start() {
            this.originalOut = System.out;
            this.originalErr = System.err;
            System.setOut(tee(this.originalOut));
            System.setErr(tee(this.originalErr));
        }

        void stop() {
            System.setOut(this.originalOut);
            System.setErr(this.originalErr);
        }

        private PrintStream tee(PrintStream original) {
            return new PrintStream(new OutputStream() {

                @Override
                public void write(int b) {
                    original.write(b);
                    synchronized (Capture.this.all) {
                        Capture.this.all.write(b);
                    }
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    original.write(bytes, offset, length);
                    synchronized (Capture.this.all) {
                        Capture.this.all.write(bytes, offset, length);
                    }
                }

            }, true, StandardCharsets.UTF_8);
        }

        @Override
        public String getAll() {
            synchronized (this.all) {
                return this.all.toString(StandardCharsets.UTF_8);
            }
        }

    }

}
