package org.entrasfo.broker.hint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.entrasfo.factor.transaction.Digest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract 3.8, replay by re-encoding: a hint has one spelling. Every other spelling of a genuine hint that we can
 * produce is refused before its signature counts, and the replay mark is the digest of the decoded signature.
 */
class ReSpelledHintTest {

    private static final String TENANT = TestHints.TENANT;
    private static final String APP_ID = TestHints.APP_ID;
    private static final Instant NOW = TestHints.NOW;
    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Whitespace, the standard alphabet, separators, escapes, padding and non-ASCII look-alikes of our alphabet. */
    private static final String STRAY = " \t\r\n\0\u000b\f+/.%=*~!\"\\\u00a0\u00e9\u200b\ufeff\uff21\u0663\u2010";

    private static RSAKey key;
    private static EntraHintValidator validator;
    /** A genuine hint whose header, payload and signature each end in a character with unused bits. */
    private static String genuine;

    @BeforeAll
    static void genuineHint() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("published-key").generate();
        validator = new EntraHintValidator(new HintPolicy(TENANT, EntraCloud.GLOBAL.authority(), List.of(APP_ID),
                Duration.ofMinutes(2), Duration.ofMinutes(10)), new ImmutableJWKSet<SecurityContext>(new JWKSet(key.toPublicJWK())));
        // "~~~>>>???" encodes to "-" and "_"; the fillers give header and payload lengths with unused trailing bits.
        for (int header = 0; genuine == null && header < 4; header++) {
            for (int payload = 0; genuine == null && payload < 4; payload++) {
                String candidate = sign(header, payload);
                String[] parts = candidate.split("\\.");
                if (parts[0].length() % 4 == 2 && parts[1].length() % 4 == 2) {
                    genuine = candidate;
                }
            }
        }
        assertThat(genuine).as("a hint with unused bits in every part").isNotNull();
    }

    private static String sign(int headerFiller, int payloadFiller) throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .customParam("x5t_filler", "~~~>>>???" + "f".repeat(headerFiller)).build();
        JWTClaimsSet claims = TestHints.entraClaims()
                .claim("uti", "AbCdEfGhIjKlMnOpQrStUv")
                .claim("note", "~~~>>>???" + "f".repeat(payloadFiller))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static HintRejection rejectionOf(String hint) {
        try {
            validator.validate(hint, NOW);
        } catch (HintRejectedException e) {
            return e.rejection();
        }
        throw new AssertionError("re-spelled hint was accepted");
    }

    private static String[] parts() {
        return genuine.split("\\.");
    }

    private static String withPart(int index, String spelled) {
        String[] parts = parts();
        parts[index] = spelled;
        return String.join(".", parts);
    }

    /** Every other last character that a lenient decoder reads as the same bytes (RFC 4648 section 3.5). */
    private static List<String> otherTrailingBits(String part) {
        int unusedBits = part.length() % 4 == 2 ? 4 : 2;
        int last = URL_SAFE.indexOf(part.charAt(part.length() - 1));
        List<String> spellings = new ArrayList<>();
        for (int bits = 0; bits < 1 << unusedBits; bits++) {
            int other = (last & ~((1 << unusedBits) - 1)) | bits;
            if (other != last) {
                spellings.add(part.substring(0, part.length() - 1) + URL_SAFE.charAt(other));
            }
        }
        return spellings;
    }

    @Test
    void acceptsTheCanonicalSpellingAndMarksItByItsDecodedSignature() throws Exception {
        EntraHint hint = validator.validate(genuine, NOW);

        byte[] signature = Base64.getUrlDecoder().decode(parts()[2]);
        assertThat(hint.signatureDigest()).isEqualTo(Digest.sha256(signature)).isNotEqualTo(Digest.sha256(genuine));
        assertThat(hint.uniqueTokenId()).isEqualTo("AbCdEfGhIjKlMnOpQrStUv");
    }

    @Test
    void refusesASpentHintReSpelledWithEachOtherValueOfTheSignaturesUnusedBits() throws Exception {
        String signature = parts()[2];
        assertThat(signature).hasSize(342);
        List<String> spellings = otherTrailingBits(signature);
        assertThat(spellings).hasSize(15);
        for (String spelled : spellings) {
            String replay = withPart(2, spelled);
            // The attack is real: the JOSE library alone reads the same signature and verifies it.
            assertThat(SignedJWT.parse(replay).verify(new RSASSAVerifier(key))).isTrue();
            assertThat(rejectionOf(replay)).as(spelled.substring(336)).isEqualTo(HintRejection.NON_CANONICAL);
        }
    }

    @Test
    void refusesTheHeaderAndPayloadReSpelledWithOtherUnusedBits() {
        for (int part = 0; part < 2; part++) {
            List<String> spellings = otherTrailingBits(parts()[part]);
            assertThat(spellings).hasSize(15);
            for (String spelled : spellings) {
                assertThat(rejectionOf(withPart(part, spelled))).isEqualTo(HintRejection.NON_CANONICAL);
            }
        }
    }

    @Test
    void refusesPaddingOnAnyPart() {
        for (int part = 0; part < 3; part++) {
            for (String padding : List.of("=", "==", "===", "%3D%3D")) {
                assertThat(rejectionOf(withPart(part, parts()[part] + padding))).as("part %d + %s", part, padding)
                        .isEqualTo(HintRejection.NON_CANONICAL);
            }
        }
    }

    @Test
    void refusesTheStandardBase64AlphabetInAnyPart() {
        for (int part = 0; part < 3; part++) {
            String urlSafe = parts()[part];
            assertThat(urlSafe).as("part %d has - or _ to re-spell", part).containsAnyOf("-", "_");
            String standard = urlSafe.replace('-', '+').replace('_', '/');
            assertThat(rejectionOf(withPart(part, standard))).isEqualTo(HintRejection.NON_CANONICAL);
        }
    }

    @Test
    void refusesAStrayCharacterAnywhereInAnyPart() {
        for (int part = 0; part < 3; part++) {
            String spelled = parts()[part];
            for (int at : new int[] {0, 1, spelled.length() / 2, spelled.length() - 1, spelled.length()}) {
                for (char stray : STRAY.toCharArray()) {
                    String replay = withPart(part, spelled.substring(0, at) + stray + spelled.substring(at));
                    HintRejection expected = stray == '.' ? HintRejection.MALFORMED : HintRejection.NON_CANONICAL;
                    assertThat(rejectionOf(replay)).as("U+%04X at %d of part %d", (int) stray, at, part).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void refusesWhitespaceAroundTheHint() {
        for (String space : List.of(" ", "\t", "\n", "\r\n", "\u00a0", "\ufeff")) {
            assertThat(rejectionOf(space + genuine)).isEqualTo(HintRejection.NON_CANONICAL);
            assertThat(rejectionOf(genuine + space)).isEqualTo(HintRejection.NON_CANONICAL);
        }
    }

    @Test
    void refusesAPartOfImpossibleLength() {
        String signature = parts()[2];
        assertThat(rejectionOf(withPart(2, signature.substring(0, signature.length() - 1)))).isEqualTo(HintRejection.NON_CANONICAL);
        assertThat(rejectionOf(withPart(2, signature + "AAA"))).isEqualTo(HintRejection.NON_CANONICAL);
    }

    @Test
    void refusesMoreOrFewerThanThreeParts() {
        assertThat(rejectionOf(genuine + ".")).isEqualTo(HintRejection.MALFORMED);
        assertThat(rejectionOf(genuine + "." + parts()[2])).isEqualTo(HintRejection.MALFORMED);
        assertThat(rejectionOf(parts()[0] + "." + parts()[1])).isEqualTo(HintRejection.MALFORMED);
    }

    @Test
    void refusesTheSignatureWithAZeroByteInFront() {
        byte[] signature = Base64.getUrlDecoder().decode(parts()[2]);
        byte[] longer = new byte[signature.length + 1];
        System.arraycopy(signature, 0, longer, 1, signature.length);
        assertThat(rejectionOf(withPart(2, Base64URL.encode(longer).toString()))).isEqualTo(HintRejection.BAD_SIGNATURE);
    }

    @Test
    void refusesASignatureWhoseLeadingZeroByteWasDropped() throws Exception {
        // One signature in 256 starts with a zero byte; the claims vary until one does.
        String hint = null;
        for (int filler = 0; hint == null && filler < 4000; filler++) {
            String candidate = sign(0, filler + 4);
            if (Base64.getUrlDecoder().decode(candidate.split("\\.")[2])[0] == 0) {
                hint = candidate;
            }
        }
        assertThat(hint).as("a signature starting with a zero byte").isNotNull();
        assertThat(validator.validate(hint, NOW).subject()).isEqualTo("pairwise-sub-value");
        String[] parts = hint.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        byte[] shorter = Arrays.copyOfRange(signature, 1, signature.length);
        String replay = parts[0] + "." + parts[1] + "." + Base64URL.encode(shorter);
        assertThat(rejectionOf(replay)).isEqualTo(HintRejection.BAD_SIGNATURE);
    }
}
