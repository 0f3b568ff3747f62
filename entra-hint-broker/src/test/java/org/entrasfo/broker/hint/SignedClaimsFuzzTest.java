package org.entrasfo.broker.hint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jwt.JWTClaimsSet;
import org.entrasfo.factor.fuzz.FuzzExecutions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a signature cannot protect against: a claim set Microsoft really signed but that is not for this realm, not
 * now, or oddly typed. Every fuzzed payload is signed by the pinned key, so the rules after the signature (contract
 * 3.2 to 3.7) see arbitrary claims; a hint is accepted only when each of them holds, and nothing but
 * {@link HintRejectedException} is thrown.
 */
class SignedClaimsFuzzTest {

    private static final FuzzExecutions RUN = new FuzzExecutions("signed claims (EntraHintValidator)");
    private static final long NOW = TestHints.NOW.getEpochSecond();

    @MethodSource("seeds")
    @DictionaryEntries({"\"iss\"", "\"aud\"", "\"tid\"", "\"oid\"", "\"sub\"", "\"iat\"", "\"nbf\"", "\"exp\"",
            "\"https://login.microsoftonline.com/", "/v2.0\"", TestHints.TENANT, TestHints.APP_ID, "1795867195", "null",
            "true", "[]", "{}", "\\u0000", "1e400", "-0"})
    @FuzzTest
    void acceptsASignedClaimSetOnlyWhenEveryRuleHolds(byte[] payload) throws ParseException {
        RUN.ran();
        EntraHint hint;
        try {
            hint = TestHints.VALIDATOR.validate(TestHints.sign(payload), TestHints.NOW);
        } catch (HintRejectedException refused) {
            assertThat(refused.rejection()).isNotNull();
            return;
        }
        JWTClaimsSet claims = JWTClaimsSet.parse(new String(payload, StandardCharsets.UTF_8));
        String tenant = claims.getStringClaim("tid");
        assertThat(tenant).isEqualToIgnoringCase(TestHints.TENANT);
        assertThat(claims.getIssuer()).isEqualToIgnoringCase("https://login.microsoftonline.com/" + tenant + "/v2.0");
        assertThat(claims.getAudience()).contains(TestHints.APP_ID);
        assertThat(hint.subject()).isEqualTo(claims.getSubject()).isNotBlank();
        assertThat(hint.objectId()).isEqualTo(claims.getStringClaim("oid")).isNotBlank();
        Instant issued = claims.getIssueTime().toInstant();
        assertThat(issued).isBetween(TestHints.NOW.minus(TestHints.MAX_AGE).minus(TestHints.SKEW), TestHints.NOW.plus(TestHints.SKEW));
        if (claims.getNotBeforeTime() != null) {
            assertThat(claims.getNotBeforeTime().toInstant()).isBeforeOrEqualTo(TestHints.NOW.plus(TestHints.SKEW));
        }
    }

    @AfterAll
    static void report() {
        RUN.report();
    }

    static Stream<byte[]> seeds() {
        String entra = TestHints.entraClaims().build().toString();
        String iss = "\"iss\":\"" + TestHints.ISSUER + "\"";
        String tid = "\"tid\":\"" + TestHints.TENANT + "\"";
        String aud = "\"aud\":\"" + TestHints.APP_ID + "\"";
        String who = "\"sub\":\"s\",\"oid\":\"o\"";
        return Stream.of(
                entra,
                "{" + iss + "," + tid + "," + aud + "," + who + ",\"iat\":" + (NOW - 5) + "}",
                "{" + iss + "," + tid + ",\"aud\":[\"x\",\"" + TestHints.APP_ID + "\"]," + who + ",\"iat\":" + (NOW - 5) + ".75}",
                "{" + iss + "," + tid + "," + aud + "," + who + ",\"iat\":\"" + (NOW - 5) + "\"}",
                "{" + iss + "," + tid + "," + aud + "," + who + ",\"iat\":" + (NOW - 5) + ",\"nbf\":" + (NOW + 3600) + "}",
                "{" + iss + "," + tid + "," + aud + "," + who + ",\"iat\":9223372036854775807}",
                "{" + iss + "," + tid + "," + aud + "," + who + ",\"iat\":-9223372036854775808}",
                "{" + iss + "," + tid + "," + aud + "," + who + ",\"iat\":1e300}",
                "{" + iss + ",\"tid\":12345," + aud + "," + who + ",\"iat\":" + (NOW - 5) + "}",
                "{" + iss + "," + tid + "," + aud + ",\"sub\":\"s\",\"sub\":\"t\",\"oid\":\"o\",\"iat\":" + (NOW - 5) + "}",
                "{\"iss\":\"https:\\/\\/login.microsoftonline.com\\/" + TestHints.TENANT + "\\/v2.0\"," + tid + "," + aud + ","
                        + who + ",\"iat\":" + (NOW - 5) + "}",
                "{" + iss + "," + tid + "," + aud + ",\"sub\":\"\",\"oid\":null,\"iat\":" + (NOW - 5) + "}",
                "{\"iss\":null,\"aud\":[],\"tid\":{},\"iat\":[]}",
                "[" + entra + "]",
                "")
                .map(seed -> seed.getBytes(StandardCharsets.UTF_8));
    }
}
