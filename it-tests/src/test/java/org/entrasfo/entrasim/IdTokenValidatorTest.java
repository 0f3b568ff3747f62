package org.entrasfo.entrasim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's validator must catch what Entra refuses, or the integration tests could not fail. */
class IdTokenValidatorTest {

    private static HttpServer realm;
    private static RSAKey signingKey;
    private static String issuer;
    private static volatile boolean chunkedDiscovery;

    private static final String CLIENT_ID = "app-id";
    private static final String REDIRECT = "https://login.microsoftonline.com/common/federation/externalauthprovider";
    private static final String NONCE = "nonce-1";
    private static final String STATE = "state-1";
    private static final String HINT_SUB = "hint-sub";

    @BeforeAll
    static void fakeRealm(@TempDir Path dir) throws Exception {
        signingKey = keyWithCertificate(dir);
        realm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        realm.start();
        issuer = "http://127.0.0.1:" + realm.getAddress().getPort() + "/realms/r";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\",\"jwks_uri\":\""
                + issuer + "/certs\",\"scopes_supported\":[\"openid\"],\"response_types_supported\":[\"id_token\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"response_modes_supported\":[\"form_post\"]}";
        realm.createContext("/realms/r/.well-known/openid-configuration", exchange -> {
            byte[] body = discovery.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, chunkedDiscovery ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        realm.createContext("/realms/r/certs", exchange -> {
            byte[] body = new JWKSet(signingKey.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @AfterAll
    static void stop() {
        realm.stop(0);
    }

    /** A key whose x5c certificate holds it, as Keycloak publishes realm keys; made by the JDK's keytool. */
    private static RSAKey keyWithCertificate(Path dir) throws Exception {
        Path store = dir.resolve("k.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "k", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=realm",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "secret1", "-keypass", "secret1")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "secret1".toCharArray());
        }
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate("k");
        return new RSAKey.Builder((RSAPublicKey) certificate.getPublicKey())
                .privateKey((PrivateKey) keyStore.getKey("k", "secret1".toCharArray()))
                .keyID("realm-key").keyUse(KeyUse.SIGNATURE)
                .x509CertChain(List.of(Base64.encode(certificate.getEncoded())))
                .build();
    }

    private static Map<String, Object> validClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", CLIENT_ID);
        claims.put("sub", HINT_SUB);
        claims.put("nonce", NONCE);
        claims.put("acr", "possessionorinherence");
        claims.put("amr", List.of("otp"));
        return claims;
    }

    private static List<String> violationsFor(UnaryOperator<Map<String, Object>> change) throws Exception {
        return violationsFor(change, STATE);
    }

    private static List<String> violationsFor(UnaryOperator<Map<String, Object>> change, String postedState) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
        change.apply(validClaims()).forEach(claims::claim);
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims.build());
        token.sign(new RSASSASigner(signingKey));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id_token", token.serialize());
        if (postedState != null) {
            fields.put("state", postedState);
        }
        FormPost post = new FormPost(URI.create(REDIRECT), "post", fields);
        IdTokenValidator.Expectation expected = new IdTokenValidator.Expectation(issuer + "/.well-known/openid-configuration",
                CLIENT_ID, REDIRECT, NONCE, STATE, List.of("possessionorinherence"), AuthorizationRequest.STANDARD_AMR, HINT_SUB);
        return new IdTokenValidator(HttpClient.newHttpClient(), true).validate(post, expected).violations();
    }

    @Test
    void acceptsWhatEntraAccepts() throws Exception {
        assertThat(violationsFor(c -> c)).isEmpty();
    }

    @Test
    void refusesAmrAsAString() throws Exception {
        assertThat(violationsFor(c -> put(c, "amr", "otp"))).anyMatch(v -> v.contains("amr is a JSON array"));
    }

    @Test
    void refusesTwoAmrValues() throws Exception {
        assertThat(violationsFor(c -> put(c, "amr", List.of("otp", "sms")))).anyMatch(v -> v.contains("exactly one"));
    }

    @Test
    void refusesPwd() throws Exception {
        assertThat(violationsFor(c -> put(c, "amr", List.of("pwd")))).anyMatch(v -> v.contains("never pwd or mfa"));
    }

    @Test
    void refusesAnAcrThatWasNotRequested() throws Exception {
        assertThat(violationsFor(c -> put(c, "acr", "2"))).anyMatch(v -> v.contains("acr"));
    }

    @Test
    void refusesAnotherSubjectThanTheHints() throws Exception {
        assertThat(violationsFor(c -> put(c, "sub", "keycloak-user-id"))).anyMatch(v -> v.contains("sub is the hint's sub"));
    }

    @Test
    void refusesAnotherNonceAudienceOrIssuer() throws Exception {
        assertThat(violationsFor(c -> put(c, "nonce", "other"))).anyMatch(v -> v.contains("nonce"));
        assertThat(violationsFor(c -> put(c, "aud", "other-client"))).anyMatch(v -> v.contains("aud"));
        assertThat(violationsFor(c -> put(c, "iss", issuer + "/"))).anyMatch(v -> v.contains("iss"));
    }

    @Test
    void refusesAChangedOrMissingState() throws Exception {
        assertThat(violationsFor(c -> c, STATE + "x")).anyMatch(v -> v.contains("state"));
        assertThat(violationsFor(c -> c, null)).anyMatch(v -> v.contains("state"));
    }

    @Test
    void refusesAChunkedDiscoveryDocument() throws Exception {
        chunkedDiscovery = true;
        try {
            assertThat(violationsFor(c -> c)).anyMatch(v -> v.contains("Content-Length"));
        } finally {
            chunkedDiscovery = false;
        }
    }

    private static Map<String, Object> put(Map<String, Object> claims, String name, Object value) {
        claims.put(name, value);
        return claims;
    }
}
