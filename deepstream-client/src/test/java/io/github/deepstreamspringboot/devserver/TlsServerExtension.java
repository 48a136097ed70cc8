package io.github.deepstreamspringboot.devserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real deepstream server serving TLS for a test class, with a throw-away CA and a server certificate for
 * {@code IP:127.0.0.1} only, made for the class and deleted after it. Register it as a static field with
 * {@code @RegisterExtension}.
 */
public final class TlsServerExtension implements BeforeAllCallback, AfterAllCallback {

    private Path folder;

    private TestCertificates certificates;

    private LocalDeepstreamServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        this.folder = Files.createTempDirectory("deepstream-tls-");
        this.certificates = TestCertificates.create(this.folder, "ip:127.0.0.1");
        this.server = LocalDeepstreamServer.builder().tls(this.certificates.tls()).build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (this.server != null) {
            this.server.close();
        }
        if (this.folder != null) {
            try (Stream<Path> files = Files.walk(this.folder)) {
                files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
            }
        }
    }

    /** @return the server, serving {@code wss://} */
    public LocalDeepstreamServer server() {
        return this.server;
    }

    /** @return the CA and the server's certificate */
    public TestCertificates certificates() {
        return this.certificates;
    }

}
