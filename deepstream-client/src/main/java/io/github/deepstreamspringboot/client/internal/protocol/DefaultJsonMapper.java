package io.github.deepstreamspringboot.client.internal.protocol;

import java.util.concurrent.atomic.AtomicBoolean;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one {@link JsonMapper} the client builds for itself, on first use, shared by the codecs, the login and every
 * client given no mapper of its own. A Jackson 3 mapper is immutable and costly to build: 220–285 ms of class loading
 * and initialisation in a fresh JVM, more than half of a plain client's first connect. The client used to build four
 * (one per codec, one for the options' default, one for credentials), and a Spring Boot application, which hands
 * the client its own mapper, paid for the default one while its context was created.
 *
 * <p><b>Thread model.</b> Thread-safe: built once, under the class loader's initialisation lock, by the first
 * {@link #get()} or by the short-lived daemon thread {@link #prepareInBackground()} starts; a {@code get()} meanwhile
 * waits for that build.
 */
public final class DefaultJsonMapper {

    private static final AtomicBoolean preparing = new AtomicBoolean();

    private DefaultJsonMapper() {
    }

    /**
     * Starts building the mapper on a daemon thread, if nothing has yet, so that the build overlaps other start-up
     * work (a client's first connect loads Tomcat's WebSocket client meanwhile, on two cores in parallel).
     */
    public static void prepareInBackground() {
        if (preparing.compareAndSet(false, true)) {
            Thread thread = new Thread(DefaultJsonMapper::get, "deepstream-json-init");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** @return the shared mapper, built by the first call */
    public static JsonMapper get() {
        return Holder.MAPPER;
    }

    private static final class Holder {

        static final JsonMapper MAPPER = JsonMapper.builder().build();

    }

}
