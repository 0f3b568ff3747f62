package org.entrasfo.broker.hint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contract section 3, rule by rule, without a server: the validator alone. */
class EntraHintValidatorTest {

    private static final String TENANT = TestHints.TENANT;
    private static final String OTHER_TENANT = "11111111-2222-3333-4444-555555555555";
    private static final String APP_ID = TestHints.APP_ID;
    private static final Instant NOW = TestHints.NOW;

    private static RSAKey published;
    private static RSAKey unpublished;
    private static EntraHintValidator validator;

    @BeforeAll
    static void keys() throws Exception {
        published = new RSAKeyGenerator(2048).keyID("published-key").generate();
        unpublished = new RSAKeyGenerator(2048).keyID("unpublished-key").generate();
        HintPolicy policy = new HintPolicy(TENANT, EntraCloud.GLOBAL.authority(), List.of(APP_ID),
                Duration.ofMinutes(2), Duration.ofMinutes(10));
        validator = new EntraHintValidator(policy, new ImmutableJWKSet<SecurityContext>(new JWKSet(published.toPublicJWK())));
    }

    private static JWTClaimsSet.Builder entraClaims() {
        return TestHints.entraClaims();
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static HintRejection rejectionOf(String hint) {
        try {
            validator.validate(hint, NOW);
        } catch (HintRejectedException e) {
            return e.rejection();
        }
        throw new AssertionError("hint was accepted");
    }

    @Test
    void acceptsAnEntraHintIssuedInTheExpiredState() throws Exception {
        EntraHint hint = validator.validate(sign(entraClaims().build(), published), NOW);

        assertThat(hint.subject()).isEqualTo("pairwise-sub-value");
        assertThat(hint.objectId()).isEqualTo("a0b1c2d3-0000-4000-8000-000000000001");
        assertThat(hint.tenantId()).isEqualTo(TENANT);
        assertThat(hint.preferredUsername()).isEqualTo("alice@contoso.example");
        // No uti in this hint: its signature alone marks it as spent.
        assertThat(hint.uniqueTokenId()).isNull();
        assertThat(hint.signatureDigest()).isNotBlank();
    }

    @Test
    void refusesAMissingHint() {
        assertThat(rejectionOf(null)).isEqualTo(HintRejection.MISSING);
        assertThat(rejectionOf("  ")).isEqualTo(HintRejection.MISSING);
    }

    @Test
    void refusesSomethingThatIsNotAJwt() {
        assertThat(rejectionOf("not-a-jwt")).isEqualTo(HintRejection.MALFORMED);
    }

    @Test
    void refusesAnUnsignedHint() {
        String none = new PlainJWT(entraClaims().build()).serialize();
        assertThat(rejectionOf(none)).isEqualTo(HintRejection.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void refusesHs256SignedWithThePublicKey() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(), entraClaims().build());
        jwt.sign(new MACSigner(published.toPublicKey().getEncoded()));
        assertThat(rejectionOf(jwt.serialize())).isEqualTo(HintRejection.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void refusesAHintWithoutKid() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), entraClaims().build());
        jwt.sign(new RSASSASigner(published));
        assertThat(rejectionOf(jwt.serialize())).isEqualTo(HintRejection.MISSING_KEY_ID);
    }

    @Test
    void refusesAKeyTheJwksDoesNotPublish() throws Exception {
        assertThat(rejectionOf(sign(entraClaims().build(), unpublished))).isEqualTo(HintRejection.UNKNOWN_KEY);
    }

    @Test
    void refusesAnUnpublishedKeyUnderAPublishedKid() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(published.getKeyID()).generate();
        assertThat(rejectionOf(sign(entraClaims().build(), impostor))).isEqualTo(HintRejection.BAD_SIGNATURE);
    }

    @Test
    void refusesTheOldKeysHintOnceMicrosoftReplacedTheKeyUnderTheSameKid() throws Exception {
        RSAKey before = new RSAKeyGenerator(2048).keyID("reused-kid").generate();
        RSAKey after = new RSAKeyGenerator(2048).keyID("reused-kid").generate();
        HintPolicy policy = new HintPolicy(TENANT, EntraCloud.GLOBAL.authority(), List.of(APP_ID), Duration.ofMinutes(2), Duration.ofMinutes(10));
        String oldHint = sign(entraClaims().build(), before);
        new EntraHintValidator(policy, new ImmutableJWKSet<SecurityContext>(new JWKSet(before.toPublicJWK()))).validate(oldHint, NOW);

        EntraHintValidator replaced = new EntraHintValidator(policy, new ImmutableJWKSet<SecurityContext>(new JWKSet(after.toPublicJWK())));

        // The node made the old key ready for checks; the new key under the same kid must not inherit that.
        assertThatThrownBy(() -> replaced.validate(oldHint, NOW)).isInstanceOf(HintRejectedException.class)
                .extracting(e -> ((HintRejectedException) e).rejection()).isEqualTo(HintRejection.BAD_SIGNATURE);
        assertThat(replaced.validate(sign(entraClaims().build(), after), NOW).tenantId()).isEqualTo(TENANT);
    }

    @Test
    void refusesATamperedPayload() throws Exception {
        String[] parts = sign(entraClaims().build(), published).split("\\.");
        String forged = sign(entraClaims().subject("someone-else").build(), published).split("\\.")[1];
        assertThat(rejectionOf(parts[0] + "." + forged + "." + parts[2])).isEqualTo(HintRejection.BAD_SIGNATURE);
    }

    @Test
    void refusesALookAlikeIssuerHost() throws Exception {
        String hint = sign(entraClaims().issuer("https://login.microsoftonline.com.evil.example/" + TENANT + "/v2.0").build(), published);
        assertThat(rejectionOf(hint)).isEqualTo(HintRejection.UNTRUSTED_ISSUER);
    }

    @Test
    void refusesAnotherCloudsIssuer() throws Exception {
        String hint = sign(entraClaims().issuer("https://login.microsoftonline.us/" + TENANT + "/v2.0").build(), published);
        assertThat(rejectionOf(hint)).isEqualTo(HintRejection.UNTRUSTED_ISSUER);
    }

    @Test
    void refusesAnIssuerWithoutTheV2Path() throws Exception {
        String hint = sign(entraClaims().issuer("https://login.microsoftonline.com/" + TENANT + "/").build(), published);
        assertThat(rejectionOf(hint)).isEqualTo(HintRejection.UNTRUSTED_ISSUER);
    }

    @Test
    void refusesAnIssuerTenantOtherThanTid() throws Exception {
        String hint = sign(entraClaims().issuer("https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0").build(), published);
        assertThat(rejectionOf(hint)).isEqualTo(HintRejection.ISSUER_TENANT_MISMATCH);
    }

    @Test
    void refusesAnotherTenantsHint() throws Exception {
        String hint = sign(entraClaims().issuer("https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0")
                .claim("tid", OTHER_TENANT).build(), published);
        assertThat(rejectionOf(hint)).isEqualTo(HintRejection.WRONG_TENANT);
    }

    @Test
    void refusesAnotherAudience() throws Exception {
        assertThat(rejectionOf(sign(entraClaims().audience("00000000-0000-0000-0000-000000000000").build(), published)))
                .isEqualTo(HintRejection.WRONG_AUDIENCE);
    }

    @Test
    void refusesHintsWithoutSubOidOrTid() throws Exception {
        assertThat(rejectionOf(sign(entraClaims().subject(null).build(), published))).isEqualTo(HintRejection.MISSING_CLAIM);
        assertThat(rejectionOf(sign(entraClaims().claim("oid", null).build(), published))).isEqualTo(HintRejection.MISSING_CLAIM);
        assertThat(rejectionOf(sign(entraClaims().claim("tid", null).build(), published))).isEqualTo(HintRejection.MISSING_CLAIM);
    }

    @Test
    void refusesAnIatInTheFutureBeyondTheSkew() throws Exception {
        String hint = sign(entraClaims().issueTime(Date.from(NOW.plusSeconds(180))).build(), published);
        assertThat(rejectionOf(hint)).isEqualTo(HintRejection.NOT_YET_VALID);
    }

    @Test
    void toleratesAnIatInTheFutureWithinTheSkew() throws Exception {
        String hint = sign(entraClaims().issueTime(Date.from(NOW.plusSeconds(60))).notBeforeTime(Date.from(NOW.plusSeconds(60))).build(), published);
        assertThat(validator.validate(hint, NOW).subject()).isEqualTo("pairwise-sub-value");
    }

    @Test
    void refusesAnNbfInTheFuture() throws Exception {
        String hint = sign(entraClaims().notBeforeTime(Date.from(NOW.plusSeconds(600))).build(), published);
        assertThat(rejectionOf(hint)).isEqualTo(HintRejection.NOT_YET_VALID);
    }

    @Test
    void refusesAHintOlderThanTheMaximumAge() throws Exception {
        String hint = sign(entraClaims().issueTime(Date.from(NOW.minus(Duration.ofMinutes(13)))).build(), published);
        assertThat(rejectionOf(hint)).isEqualTo(HintRejection.TOO_OLD);
    }

    @Test
    void refusesAHintWithoutIat() throws Exception {
        assertThat(rejectionOf(sign(entraClaims().issueTime(null).build(), published))).isEqualTo(HintRejection.MISSING_CLAIM);
    }

    @Test
    void neverPutsTheTokenIntoTheRejectionMessage() throws Exception {
        String hint = sign(entraClaims().audience("00000000-0000-0000-0000-000000000000").build(), published);
        assertThatThrownBy(() -> validator.validate(hint, NOW))
                .isInstanceOf(HintRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(hint.split("\\.")[1]));
    }
}
