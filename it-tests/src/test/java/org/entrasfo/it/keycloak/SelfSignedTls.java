package org.entrasfo.it.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A certificate for localhost and 127.0.0.1 made with the JDK's keytool, and a client context that trusts only it. */
public record SelfSignedTls(Path keyStore, String password, SSLContext sslContext, Path trustStore) {

    /** Password of {@link #trustStore()}: it holds only the public certificate. */
    public static final String TRUST_STORE_PASSWORD = "public-certificate-only";

    public static SelfSignedTls create(Path keyStore) throws IOException {
        String password = UUID.randomUUID().toString();
        Files.deleteIfExists(keyStore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "localhost",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "30", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-keypass", password)).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            Certificate certificate = store.getCertificate("localhost");
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("keycloak-under-test", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            // For other JVMs (a command-line tool under test): the certificate alone, as a trust store.
            Path trustStore = keyStore.resolveSibling(keyStore.getFileName() + ".truststore.p12");
            KeyStore pkcs12Trust = KeyStore.getInstance("PKCS12");
            pkcs12Trust.load(null, null);
            pkcs12Trust.setCertificateEntry("keycloak-under-test", certificate);
            try (var out = Files.newOutputStream(trustStore)) {
                pkcs12Trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            // For tools that read PEM (curl's CURL_CA_BUNDLE).
            Files.writeString(keyStore.resolveSibling(keyStore.getFileName() + ".pem"), "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            return new SelfSignedTls(keyStore, password, context, trustStore);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
