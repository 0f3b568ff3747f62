package org.entrasfo.sfo.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpdeskCodeRequestTest {

    private static final HelpdeskCodeLimits STRICT = HelpdeskCodeLimits.DEFAULTS;
    private static final HelpdeskCodeLimits THREE_USES = HelpdeskCodeLimits.of(Map.of("maxUsesPerCode", "3"));

    private static HelpdeskCodeRequest request(Integer minutes, Boolean singleUse, Integer uses, String amr) {
        return new HelpdeskCodeRequest("jdoe", minutes, singleUse, uses, amr);
    }

    private static String refusedField(HelpdeskCodeRequest request, HelpdeskCodeLimits limits) {
        try {
            request.check(limits);
        } catch (HelpdeskCodeRefusal refusal) {
            assertThat(refusal.status().getStatusCode()).isEqualTo(400);
            return refusal.field();
        }
        throw new AssertionError("not refused: " + request);
    }

    @Test
    void defaultsToOneHourSingleUseOtp() throws Exception {
        HelpdeskCodeRequest.Order order = request(null, null, null, null).check(STRICT);

        assertThat(order).isEqualTo(new HelpdeskCodeRequest.Order(Duration.ofHours(1), 1, AuthenticationMethod.OTP));
    }

    @Test
    void theDefaultValidityNeverExceedsTheRealmsLimit() throws Exception {
        HelpdeskCodeLimits halfHour = HelpdeskCodeLimits.of(Map.of("maxValidityMinutes", "30"));

        assertThat(request(null, null, null, null).check(halfHour).validity()).isEqualTo(Duration.ofMinutes(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"otp", "hwk", "swk", "sms", "tel"})
    void acceptsThePossessionMethodsATypedCodeCanStandFor(String amr) throws Exception {
        assertThat(request(null, null, null, amr).check(STRICT).method().amr()).isEqualTo(amr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"face", "fpt", "iris", "retina", "vbm", "fido", "sc", "pop", "pwd", "mfa", ""})
    void refusesInherenceAndPhishingResistantHardwareAndAnythingElse(String amr) {
        assertThat(refusedField(request(null, null, null, amr), STRICT)).isEqualTo("amr");
    }

    @Test
    void refusesAValidityBeyondTheRealmsLimit() {
        assertThat(refusedField(request(8 * 60 + 1, null, null, null), STRICT)).isEqualTo("validMinutes");
        assertThat(refusedField(request(0, null, null, null), STRICT)).isEqualTo("validMinutes");
    }

    @Test
    void refusesAMultiUseCodeWhereTheRealmAllowsSingleUseOnly() {
        assertThat(refusedField(request(null, false, null, null), STRICT)).isEqualTo("singleUse");
        assertThat(refusedField(request(null, false, 2, null), STRICT)).isEqualTo("uses");
    }

    @Test
    void grantsUsesUpToTheRealmsLimit() throws Exception {
        assertThat(request(null, false, null, null).check(THREE_USES).uses()).isEqualTo(3);
        assertThat(request(null, false, 2, null).check(THREE_USES).uses()).isEqualTo(2);
        assertThat(request(null, null, 2, null).check(THREE_USES).uses()).isEqualTo(2);
        assertThat(request(null, null, null, null).check(THREE_USES).uses()).as("still single use by default").isEqualTo(1);
        assertThat(refusedField(request(null, false, 4, null), THREE_USES)).isEqualTo("uses");
        assertThat(refusedField(request(null, true, 2, null), THREE_USES)).isEqualTo("uses");
    }
}
