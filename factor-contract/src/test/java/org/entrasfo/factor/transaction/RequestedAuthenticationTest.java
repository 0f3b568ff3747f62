package org.entrasfo.factor.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

/** Contract 4: which acr and amr an id_token may carry for a given factor. */
class RequestedAuthenticationTest {

    private static final String STANDARD = "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"possessionorinherence\"]},"
            + "\"amr\":{\"essential\":true,\"values\":[\"face\",\"fido\",\"fpt\",\"hwk\",\"iris\",\"otp\",\"pop\",\"retina\",\"sc\",\"sms\",\"swk\",\"tel\",\"vbm\"]}}}";

    @Test
    void theStandardRequestIsAnsweredWithPossessionOrInherence() {
        RequestedAuthentication requested = RequestedAuthentication.fromClaimsParameter(STANDARD);

        assertThat(requested.acrFor(AuthenticationMethod.OTP)).contains("possessionorinherence");
        assertThat(requested.acrFor(AuthenticationMethod.FACE)).contains("possessionorinherence");
    }

    @Test
    void aFactorWhoseAmrWasNotRequestedCannotAnswer() {
        RequestedAuthentication requested = RequestedAuthentication.fromClaimsParameter(
                "{\"id_token\":{\"acr\":{\"values\":[\"possessionorinherence\"]},\"amr\":{\"values\":[\"fido\",\"sms\"]}}}");

        assertThat(requested.admits(AuthenticationMethod.OTP)).isFalse();
        assertThat(requested.acrFor(AuthenticationMethod.SMS)).contains("possessionorinherence");
    }

    @Test
    void aPossessionFactorCannotAnswerAnInherenceOnlyRequest() {
        RequestedAuthentication requested = RequestedAuthentication.fromClaimsParameter(
                "{\"id_token\":{\"acr\":{\"values\":[\"inherence\"]},\"amr\":{\"values\":[\"otp\",\"face\"]}}}");

        assertThat(requested.admits(AuthenticationMethod.OTP)).isFalse();
        assertThat(requested.acrFor(AuthenticationMethod.FACE)).contains("inherence");
    }

    @Test
    void knowledgeAloneCanBeAnsweredByNoFactorOfThisProduct() {
        RequestedAuthentication requested = RequestedAuthentication.fromClaimsParameter(
                "{\"id_token\":{\"acr\":{\"values\":[\"knowledge\"]},\"amr\":{\"values\":[\"otp\"]}}}");

        assertThat(requested.admitsAny(EnumSet.allOf(AuthenticationMethod.class))).isFalse();
    }

    @Test
    void theFirstRequestedAcrTheFactorSatisfiesIsReported() {
        RequestedAuthentication requested = RequestedAuthentication.fromClaimsParameter(
                "{\"id_token\":{\"acr\":{\"values\":[\"knowledge\",\"knowledgeorpossession\",\"possession\"]}}}");

        assertThat(requested.acrFor(AuthenticationMethod.OTP)).contains("knowledgeorpossession");
    }

    @Test
    void anUnknownAcrValueIsNeverSatisfied() {
        assertThat(RequestedAuthentication.typesOf("gold")).isEmpty();
        assertThat(RequestedAuthentication.typesOf("possessionorgold")).isEmpty();
        assertThat(RequestedAuthentication.typesOf("knowledgeorpossessionorinherence")).containsExactlyInAnyOrder(
                FactorType.KNOWLEDGE, FactorType.POSSESSION, FactorType.INHERENCE);
    }

    @Test
    void bioInTheAmrListDoesNotDisturbTheOthers() {
        RequestedAuthentication requested = RequestedAuthentication.fromClaimsParameter(STANDARD.replace("\"face\",", "\"bio\",\"face\","));

        assertThat(requested.amrValues()).hasSize(14).contains("bio");
        assertThat(requested.acrFor(AuthenticationMethod.OTP)).contains("possessionorinherence");
    }

    @Test
    void unreadableClaimsAreRefused() {
        assertThatThrownBy(() -> RequestedAuthentication.fromClaimsParameter("{not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
