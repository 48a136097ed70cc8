package io.github.deepstreamspringboot.client;

/**
 * What a test printed on standard output and standard error, log lines included: see {@link OutputCaptureExtension}.
 */
public interface CapturedOutput {

    /** @return everything printed since the test began, both streams interleaved */
    String getAll();

}
