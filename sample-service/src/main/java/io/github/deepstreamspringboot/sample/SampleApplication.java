package io.github.deepstreamspringboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small Spring Boot service that talks to a deepstream server: it publishes ticks, answers RPCs, listens to
 * greetings and logs presence. Without {@code deepstream.url} it starts a local deepstream server of its own.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

    /**
     * Runs the service.
     * @param args command-line arguments, e.g. {@code --deepstream.url=ws://host:6020}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

}
