package org.entrasfo.broker.hint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jwt.PlainJWT;
import org.entrasfo.factor.fuzz.FuzzExecutions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract 3 against anything a browser can post as {@code id_token_hint}: the validator returns a hint or refuses it
 * with a {@link HintRejectedException}, never anything else, and it never accepts a text whose signature the pinned
 * key did not make. Seeds: Entra-shaped hints signed by the pinned key, with odd but valid claims, and the shapes of
 * the usual attacks (alg none, HS256, embedded key, JWE, tampering).
 */
class HintTextFuzzTest {

    private static final FuzzExecutions RUN = new FuzzExecutions("hint text (EntraHintValidator)");

    @MethodSource("seeds")
    @DictionaryEntries({"eyJ", ".", "\"alg\":\"RS256\"", "\"alg\":\"none\"", "\"kid\":\"fuzz-test-key\"", "\"jwk\"", "\"crit\"",
            "\"b64\":false", "=", "-", "_", "+", "/"})
    @FuzzTest
    void acceptsOnlyWhatThePinnedKeySigned(byte[] input) {
        RUN.ran();
        String text = new String(input, StandardCharsets.UTF_8);
        EntraHint hint;
        try {
            hint = TestHints.VALIDATOR.validate(text, TestHints.NOW);
        } catch (HintRejectedException refused) {
            assertThat(refused.rejection()).isNotNull();
            return;
        }
        assertThat(TestHints.signedByThePinnedKey(text.trim())).as("accepted a hint the pinned key did not sign").isTrue();
        assertThat(hint.tenantId()).isEqualToIgnoringCase(TestHints.TENANT);
    }

    @AfterAll
    static void report() {
        RUN.report();
    }

    static Stream<byte[]> seeds() {
        String valid = TestHints.sign(TestHints.entraClaims().build());
        String[] parts = valid.split("\\.");
        String otherPayload = TestHints.sign(TestHints.entraClaims().subject("someone-else").build()).split("\\.")[1];
        String base64Header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"HS256\",\"kid\":\"fuzz-test-key\"}".getBytes(StandardCharsets.UTF_8));
        String embeddedKeyHeader = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"RS256\",\"kid\":\"x\",\"jwk\":"
                + TestHints.KEY.toPublicJWK().toJSONString() + "}").getBytes(StandardCharsets.UTF_8));
        List<String> seeds = List.of(
                valid,
                "  " + valid + "\n",
                TestHints.sign(TestHints.entraClaims().audience(List.of("other-app", TestHints.APP_ID)).build()),
                TestHints.sign(TestHints.entraClaims().claim("tid", TestHints.TENANT.toUpperCase())
                        .issuer("https://login.microsoftonline.com/" + TestHints.TENANT.toUpperCase() + "/v2.0").build()),
                TestHints.sign(TestHints.entraClaims().claim("name", "Ŝtéfan \u202eevil\u202c 😀").claim("preferred_username", null).build()),
                TestHints.sign(TestHints.entraClaims().notBeforeTime(null).expirationTime(null).claim("acr", "possessionorinherence")
                        .claim("amr", List.of("pwd")).build()),
                TestHints.sign(TestHints.entraClaims().issueTime(Date.from(TestHints.NOW.plus(TestHints.SKEW)))
                        .notBeforeTime(Date.from(TestHints.NOW.plus(TestHints.SKEW))).build()),
                parts[0] + "." + otherPayload + "." + parts[2],
                parts[0] + "." + parts[1] + ".",
                parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[2] + "." + parts[2],
                base64Header + "." + parts[1] + "." + parts[2],
                embeddedKeyHeader + "." + parts[1] + "." + parts[2],
                new PlainJWT(TestHints.entraClaims().build()).serialize(),
                "not-a-jwt");
        return seeds.stream().map(seed -> seed.getBytes(StandardCharsets.UTF_8));
    }
}
