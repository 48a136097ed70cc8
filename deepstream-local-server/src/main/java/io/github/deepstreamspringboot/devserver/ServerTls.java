package io.github.deepstreamspringboot.devserver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * PEM material for serving TLS: the server's private key (PKCS#8), its certificate, and the CA that signed it.
 * {@code toString()} leaves the key out.
 * @param keyPem the private key
 * @param certificatePem the certificate
 * @param caPem the CA's certificate
 */
public record ServerTls(String keyPem, String certificatePem, String caPem) {

    /** @return a TLS context that trusts this CA only, for the health check */
    SSLContext trustingItsCa() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(this.caPem.getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory factory = TrustManagerFactory
                .getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new IllegalArgumentException("The dev server's CA certificate is unusable: " + ex.getMessage(),
                    ex);
        }
    }

    @Override
    public String toString() {
        return "ServerTls[key=****, certificate=" + this.certificatePem.length() + " chars]";
    }

}
