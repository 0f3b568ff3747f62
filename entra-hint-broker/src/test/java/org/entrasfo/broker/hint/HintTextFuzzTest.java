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
import org.entrasfo.broker.fuzz.FuzzExecutions;
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
            hint = FuzzHints.VALIDATOR.validate(text, FuzzHints.NOW);
        } catch (HintRejectedException refused) {
            assertThat(refused.rejection()).isNotNull();
            return;
        }
        assertThat(FuzzHints.signedByThePinnedKey(text.trim())).as("accepted a hint the pinned key did not sign").isTrue();
        assertThat(hint.tenantId()).isEqualToIgnoringCase(FuzzHints.TENANT);
    }

    @AfterAll
    static void report() {
        RUN.report();
    }

    static Stream<byte[]> seeds() {
        String valid = FuzzHints.sign(FuzzHints.entraClaims().build());
        String[] parts = valid.split("\\.");
        String otherPayload = FuzzHints.sign(FuzzHints.entraClaims().subject("someone-else").build()).split("\\.")[1];
        String base64Header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"HS256\",\"kid\":\"fuzz-test-key\"}".getBytes(StandardCharsets.UTF_8));
        String embeddedKeyHeader = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"RS256\",\"kid\":\"x\",\"jwk\":"
                + FuzzHints.KEY.toPublicJWK().toJSONString() + "}").getBytes(StandardCharsets.UTF_8));
        List<String> seeds = List.of(
                valid,
                "  " + valid + "\n",
                FuzzHints.sign(FuzzHints.entraClaims().audience(List.of("other-app", FuzzHints.APP_ID)).build()),
                FuzzHints.sign(FuzzHints.entraClaims().claim("tid", FuzzHints.TENANT.toUpperCase())
                        .issuer("https://login.microsoftonline.com/" + FuzzHints.TENANT.toUpperCase() + "/v2.0").build()),
                FuzzHints.sign(FuzzHints.entraClaims().claim("name", "Ŝtéfan \u202eevil\u202c 😀").claim("preferred_username", null).build()),
                FuzzHints.sign(FuzzHints.entraClaims().notBeforeTime(null).expirationTime(null).claim("acr", "possessionorinherence")
                        .claim("amr", List.of("pwd")).build()),
                FuzzHints.sign(FuzzHints.entraClaims().issueTime(Date.from(FuzzHints.NOW.plus(FuzzHints.SKEW)))
                        .notBeforeTime(Date.from(FuzzHints.NOW.plus(FuzzHints.SKEW))).build()),
                parts[0] + "." + otherPayload + "." + parts[2],
                parts[0] + "." + parts[1] + ".",
                parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[2] + "." + parts[2],
                base64Header + "." + parts[1] + "." + parts[2],
                embeddedKeyHeader + "." + parts[1] + "." + parts[2],
                new PlainJWT(FuzzHints.entraClaims().build()).serialize(),
                "not-a-jwt");
        return seeds.stream().map(seed -> seed.getBytes(StandardCharsets.UTF_8));
    }
}
