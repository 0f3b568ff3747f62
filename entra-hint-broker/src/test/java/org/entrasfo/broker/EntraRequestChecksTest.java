package org.entrasfo.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.entrasfo.broker.hint.EntraCloud;
import org.entrasfo.broker.hint.EntraHint;
import org.entrasfo.broker.hint.HintRejectedException;
import org.entrasfo.broker.hint.HintRejection;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.junit.jupiter.api.Test;

/**
 * The order of the hint step's checks: the contract's order, nothing believed before the signature, no replay mark
 * read before the hint proved who asks, and every refusal naming the rule. What each collaborator was asked is
 * recorded, so a test fails if a later check runs before an earlier one refused.
 */
class EntraRequestChecksTest {

    private static final String TENANT = "4f1c7c4e-2b2a-4e8e-9a55-5b0f1c1d2e3f";
    private static final String REDIRECT = EntraCloud.GLOBAL.authority().redirectUri();
    private static final String CLAIMS = "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"possessionorinherence\"]},"
            + "\"amr\":{\"essential\":true,\"values\":[\"otp\",\"sms\",\"swk\"]}}}";
    private static final EntraHint HINT = new EntraHint("sub-1", "oid-1", TENANT, "jdoe@contoso.example", "J Doe",
            Instant.parse("2026-11-30T10:00:00Z"), "signature-digest", "uti-1");

    private final List<String> asked = new ArrayList<>();

    private EntraRequestChecks checks(boolean validHint, boolean spent) {
        EntraHintBrokerConfig config = EntraHintBrokerConfig.of(Map.of(EntraHintBrokerConfig.TENANT_ID, TENANT,
                EntraHintBrokerConfig.CLOUD, "GLOBAL"));
        return new EntraRequestChecks(config, (hint, tenant, authority) -> {
            asked.add("hint for tenant " + tenant);
            if (!validHint) {
                throw new HintRejectedException(HintRejection.BAD_SIGNATURE, "signature does not verify");
            }
            return HINT;
        }, (hint, nonce, requestId) -> {
            asked.add("replay marks");
            return spent;
        }, EnumSet.of(AuthenticationMethod.OTP, AuthenticationMethod.SMS));
    }

    private static EntraRequestChecks.Request request(String redirectUri, String responseType, String claims) {
        return new EntraRequestChecks.Request(redirectUri, responseType, "form_post", claims, "a.hint.signature", "nonce-1", "crid-1");
    }

    @Test
    void answersAForeignRedirectUriLocallyWithoutReadingTheHint() {
        EntraRequestChecks.Verdict verdict = checks(true, false).check(request("https://evil.example/answer", "id_token", CLAIMS));

        assertThat(verdict).isEqualTo(new EntraRequestChecks.AnsweredLocally("entra_redirect_uri_mismatch", "redirect_uri is not " + REDIRECT));
        assertThat(asked).isEmpty();
    }

    @Test
    void answersLocallyWhenTheStepHasNoTenant() {
        EntraRequestChecks unconfigured = new EntraRequestChecks(EntraHintBrokerConfig.of(Map.of()), (h, t, a) -> {
            throw new AssertionError("no hint is read without a tenant");
        }, (h, n, r) -> {
            throw new AssertionError("no mark is read without a tenant");
        }, EnumSet.of(AuthenticationMethod.OTP));

        assertThat(unconfigured.check(request(REDIRECT, "id_token", CLAIMS)))
                .isInstanceOfSatisfying(EntraRequestChecks.AnsweredLocally.class, local -> assertThat(local.error()).isEqualTo("entra_not_configured"));
    }

    @Test
    void refusesTheCodeFlowToEntraBeforeValidatingTheHint() {
        EntraRequestChecks.Verdict verdict = checks(true, false).check(request(REDIRECT, "code", CLAIMS));

        assertThat(verdict).isInstanceOfSatisfying(EntraRequestChecks.Refused.class, refused -> {
            assertThat(refused.oidcError()).isEqualTo("invalid_request");
            assertThat(refused.error()).isEqualTo("entra_unsupported_response");
        });
        assertThat(asked).isEmpty();
    }

    @Test
    void refusesUnreadableClaimsBeforeValidatingTheHint() {
        EntraRequestChecks.Verdict verdict = checks(true, false).check(request(REDIRECT, "id_token", "{not json"));

        assertThat(verdict).isInstanceOfSatisfying(EntraRequestChecks.Refused.class,
                refused -> assertThat(refused.error()).isEqualTo("entra_invalid_claims"));
        assertThat(asked).isEmpty();
    }

    @Test
    void aHintThatDoesNotVerifyIsRefusedBeforeAnyReplayMarkIsRead() {
        EntraRequestChecks.Verdict verdict = checks(false, false).check(request(REDIRECT, "id_token", CLAIMS));

        assertThat(verdict).isInstanceOfSatisfying(EntraRequestChecks.Refused.class, refused -> {
            assertThat(refused.oidcError()).isEqualTo(HintRejection.BAD_SIGNATURE.oidcError());
            assertThat(refused.error()).isEqualTo(HintRejection.BAD_SIGNATURE.reason());
        });
        assertThat(asked).containsExactly("hint for tenant " + TENANT);
    }

    @Test
    void aSpentHintIsRefusedAfterItsSignatureProvedWhoAsks() {
        EntraRequestChecks.Verdict verdict = checks(true, true).check(request(REDIRECT, "id_token", CLAIMS));

        assertThat(verdict).isInstanceOfSatisfying(EntraRequestChecks.Refused.class, refused -> {
            assertThat(refused.oidcError()).isEqualTo("invalid_request");
            assertThat(refused.error()).isEqualTo(HintRejection.REPLAYED.reason());
        });
        assertThat(asked).containsExactly("hint for tenant " + TENANT, "replay marks");
    }

    @Test
    void anAcrNoDeployedFactorCanMeetIsDeniedOnlyAfterTheHintAndTheMarks() {
        String inherenceOnly = "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"inherence\"]},"
                + "\"amr\":{\"essential\":true,\"values\":[\"face\"]}}}";

        EntraRequestChecks.Verdict verdict = checks(true, false).check(request(REDIRECT, "id_token", inherenceOnly));

        assertThat(verdict).isInstanceOfSatisfying(EntraRequestChecks.Refused.class, refused -> {
            assertThat(refused.oidcError()).isEqualTo("access_denied");
            assertThat(refused.error()).isEqualTo("entra_acr_not_satisfiable");
        });
        assertThat(asked).containsExactly("hint for tenant " + TENANT, "replay marks");
    }

    @Test
    void admitsARequestThatPassesEveryCheckWithWhatEntraAskedFor() {
        EntraRequestChecks.Verdict verdict = checks(true, false).check(request(REDIRECT, "id_token", CLAIMS));

        assertThat(verdict).isInstanceOfSatisfying(EntraRequestChecks.Admitted.class, admitted -> {
            assertThat(admitted.hint()).isEqualTo(HINT);
            assertThat(admitted.requested().acrValues()).containsExactly("possessionorinherence");
        });
    }
}
