package io.github.deepstreamspringboot.startup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application with Actuator and the starter on its class path and no beans of its own: what
 * {@link StartupBenchmark} starts, with and without deepstream, to see what the starter adds.
 */
@SpringBootApplication
public class StartupApplication {

    public static void main(String[] args) {
        SpringApplication.run(StartupApplication.class, args);
    }

}
