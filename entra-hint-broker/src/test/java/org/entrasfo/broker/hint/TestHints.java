package org.entrasfo.broker.hint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The fixed world of the hint tests (unit and fuzz): one realm's policy, a clock that does not move, and a JWKS holding one test
 * key (committed for tests only, so the seeds it signed stay valid from run to run).
 */
final class TestHints {

    static final String TENANT = "8f6b1c2e-3d4a-4b5c-9d8e-0f1a2b3c4d5e";
    static final String APP_ID = "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Duration SKEW = Duration.ofMinutes(2);
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    static final String ISSUER = "https://login.microsoftonline.com/" + TENANT + "/v2.0";

    static final RSAKey KEY = loadKey();
    private static final RSASSASigner SIGNER = signer(KEY);
    static final EntraHintValidator VALIDATOR = new EntraHintValidator(
            new HintPolicy(TENANT, EntraCloud.GLOBAL.authority(), List.of(APP_ID), SKEW, MAX_AGE),
            new ImmutableJWKSet<SecurityContext>(new JWKSet(KEY.toPublicJWK())));

    private TestHints() {
    }

    /** The claims Entra puts into a hint, issued five seconds before {@link #NOW}. */
    static JWTClaimsSet.Builder entraClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(APP_ID)
                .issueTime(Date.from(NOW.minusSeconds(5)))
                .notBeforeTime(Date.from(NOW.minusSeconds(5)))
                .expirationTime(Date.from(NOW.minusSeconds(6)))
                .subject("pairwise-sub-value")
                .claim("oid", "a0b1c2d3-0000-4000-8000-000000000001")
                .claim("tid", TENANT)
                .claim("preferred_username", "alice@contoso.example")
                .claim("name", "Alice Example")
                .claim("ver", "2.0");
    }

    static String sign(JWTClaimsSet claims) {
        return sign(claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Any payload, signed by the pinned key under Entra's header: what only Microsoft (here: the test) can make. */
    static String sign(byte[] payload) {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
                .type(JOSEObjectType.JWT).build(), new Payload(payload));
        try {
            jws.sign(SIGNER);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    /**
     * Whether the pinned key made the signature over exactly these header and payload characters, checked with the
     * JDK's own RSA rather than the validator's path to it.
     */
    static boolean signedByThePinnedKey(String compact) {
        try {
            byte[] signature = SignedJWT.parse(compact).getSignature().decode();
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(KEY.toRSAPublicKey());
            rsa.update(compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.UTF_8));
            return rsa.verify(signature);
        } catch (ParseException | GeneralSecurityException | JOSEException e) {
            return false;
        }
    }

    private static RSASSASigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey loadKey() {
        try (InputStream in = TestHints.class.getResourceAsStream("fuzz-test-signing-key.jwk.json")) {
            return RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
