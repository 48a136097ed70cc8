package io.github.deepstreamspringboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Boot service that talks to a deepstream server. Without {@code deepstream.url} it starts a local
 * deepstream server of its own.
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * Runs the service.
     * @param args command-line arguments, e.g. {@code --deepstream.url=ws://host:6020/deepstream-json}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

}
