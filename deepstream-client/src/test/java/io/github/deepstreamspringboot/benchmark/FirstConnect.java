package io.github.deepstreamspringboot.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.LoggerFactory;

import io.github.deepstreamspringboot.client.DeepstreamClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first connect + login of a new JVM, measured inside it from before the client is created to the login's
 * success: class loading and the first WebSocket container included; JVM start-up and the logging set-up, which an
 * application has done before, not (node's start-up is not counted either). With {@code raw}, the raw floor's client
 * instead: what Spring's and Tomcat's WebSocket classes cost alone.
 */
public final class FirstConnect {

    private FirstConnect() {
    }

    /** Starts a JVM on this class path that connects once, and returns its figures. */
    static Map<String, Double> inFreshJvm(String url, boolean raw) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FirstConnect.class.getName(), url, raw ? "raw" : "ours")
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        Map<String, Double> figures = new LinkedHashMap<>();
        Matcher figure = Pattern.compile("(firstMillis|createMillis|classesLoaded)=(\\S+)").matcher(output);
        while (figure.find()) {
            figures.put(figure.group(1), Double.parseDouble(figure.group(2)));
        }
        assertThat(figures).as(output).containsKey("firstMillis");
        return figures;
    }

    public static void main(String[] args) throws Exception {
        // an application has its logging set up before it creates a client; so has node
        LoggerFactory.getLogger(FirstConnect.class).debug("logging ready");
        long start = System.nanoTime();
        long created;
        long loggedIn;
        if (args[1].equals("raw")) {
            try (RawClient client = RawClient.login(args[0], "fresh")) {
                created = start;
                loggedIn = System.nanoTime();
            }
        }
        else {
            try (DeepstreamClient client = DeepstreamClient.create(args[0])) {
                created = System.nanoTime();
                client.login(Map.of("username", "fresh")).get(30, TimeUnit.SECONDS);
                loggedIn = System.nanoTime();
            }
        }
        // the parent reads the figures from standard output
        System.out.println("firstMillis=" + (loggedIn - start) / 1e6 + " createMillis=" + (created - start) / 1e6
                + " classesLoaded=" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }

}
