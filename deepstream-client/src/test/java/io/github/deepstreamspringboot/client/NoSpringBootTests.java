package io.github.deepstreamspringboot.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client is a library of its own: no source of it names Spring Boot (the build's enforcer rule keeps Spring Boot
 * artifacts off its class path, in every scope), and none of Boot's classes can be loaded here.
 */
class NoSpringBootTests {

    @Test
    void noClassOfTheClientImportsSpringBoot() throws IOException {
        List<Path> offenders;
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            offenders = sources.filter((path) -> path.toString().endsWith(".java"))
                .filter((path) -> read(path).contains("org.springframework.boot"))
                .toList();
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void springBootIsNotOnTheClassPath() {
        assertThat(getClass().getClassLoader().getResource("org/springframework/boot/SpringApplication.class"))
            .isNull();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

}
