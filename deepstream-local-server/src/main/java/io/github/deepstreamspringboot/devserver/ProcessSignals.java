package io.github.deepstreamspringboot.devserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends POSIX signals to the dev server's process with {@code kill}: {@code STOP} freezes it, as a hung server or a
 * stalled network would, and {@code CONT} lets it run again (Java's {@link Process} only terminates).
 *
 * <p><b>Thread model.</b> Stateless; blocks the caller until {@code kill} has exited.
 */
final class ProcessSignals {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ProcessSignals() {
    }

    /**
     * @param process the process, {@code null} if the server is not running
     * @param signal the signal's name without {@code SIG}, e.g. {@code STOP}
     * @throws IllegalStateException if the server is not running or {@code kill} failed
     */
    static void send(Process process, String signal) {
        if (process == null) {
            throw new IllegalStateException("The deepstream server is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            if (!kill.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " failed for pid " + process.pid());
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot send SIG" + signal + " to the deepstream server", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling the deepstream server", ex);
        }
    }

}
