package io.github.deepstreamspringboot.devserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

/**
 * A throw-away CA and a server certificate it signed, made with the JDK's {@code keytool} in a temporary folder for
 * one test class: no private key lives in the repository. {@code keytool} cannot write a PEM private key, so the key
 * is read back from its PKCS#12 store and written as PKCS#8 PEM here.
 *
 * @param tls the server's PEM material, for {@link LocalDeepstreamServer.Builder#tls}
 * @param caFile the CA certificate as a PEM file, for an SSL bundle's trust store
 */
public record TestCertificates(ServerTls tls, Path caFile) {

    private static final String PASSWORD = "test-only";

    /**
     * Makes a CA and a server certificate for the given subject alternative names.
     * @param folder where the files go
     * @param subjectAlternativeNames e.g. {@code ip:127.0.0.1}
     * @return the material
     */
    public static TestCertificates create(Path folder, String subjectAlternativeNames) {
        try {
            Path ca = folder.resolve("ca.p12");
            Path server = folder.resolve("server.p12");
            keytool(folder, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                    "CN=deepstream-spring-boot test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
            keytool(folder, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", "ca.pem");
            keytool(folder, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                    "CN=deepstream test server", "-validity", "2", "-keystore", server.toString());
            keytool(folder, "-certreq", "-alias", "server", "-keystore", server.toString(), "-file", "server.csr");
            keytool(folder, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", "server.csr",
                    "-outfile", "server.pem", "-ext", "san=" + subjectAlternativeNames, "-validity", "2");
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(server)) {
                store.load(in, PASSWORD.toCharArray());
            }
            Key key = store.getKey("server", PASSWORD.toCharArray());
            String keyPem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            String caPem = Files.readString(folder.resolve("ca.pem"));
            return new TestCertificates(new ServerTls(keyPem,
                    Files.readString(folder.resolve("server.pem")), caPem), folder.resolve("ca.pem"));
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new IllegalStateException("Could not make test certificates", ex);
        }
    }

    /** @return a TLS context that trusts the test CA only */
    public SSLContext trustingTheCa() {
        return this.tls.trustingItsCa();
    }

    private static void keytool(Path folder, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12", "-noprompt"));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }

}
