package org.entrasfo.broker.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.models.WebAuthnPolicy;

/** The self-test's rule on the WebAuthn policy an admin may have set by hand in Keycloak's own tab. */
class WebAuthnPolicyCheckTest {

    private static WebAuthnPolicy policy(String attestation, String... aaguids) {
        WebAuthnPolicy policy = new WebAuthnPolicy(new ArrayList<>(List.of("ES256", "RS256")));
        policy.setAttestationConveyancePreference(attestation);
        policy.setAcceptableAaguids(new ArrayList<>(List.of(aaguids)));
        return policy;
    }

    @Test
    void warnsWhenAllowedKeyModelsCannotBeProvenSoNoKeyCouldBeRegistered() {
        for (String attestation : new String[] {"none", "not specified", null}) {
            Finding finding = WebAuthnPolicyCheck.of(policy(attestation, "cb69481e-8ff7-4039-93ec-0a2729a154a8"), true).orElseThrow();

            assertThat(finding.status()).as(attestation).isEqualTo(Finding.Status.WARNING);
            assertThat(finding.rule()).isEqualTo("webauthn-policy");
            assertThat(finding.detail()).contains("no key can be registered");
            assertThat(finding.fix()).contains("indirect or direct");
        }
    }

    @Test
    void passesAllowedKeyModelsWithAttestationOrAnyModel() {
        assertThat(WebAuthnPolicyCheck.of(policy("direct", "cb69481e-8ff7-4039-93ec-0a2729a154a8"), true).orElseThrow().status())
                .isEqualTo(Finding.Status.PASSED);
        assertThat(WebAuthnPolicyCheck.of(policy("none"), true).orElseThrow().status()).isEqualTo(Finding.Status.PASSED);
    }

    @Test
    void saysNothingWhereNoFactorSignsInWithAKey() {
        assertThat(WebAuthnPolicyCheck.of(policy("none", "cb69481e-8ff7-4039-93ec-0a2729a154a8"), false)).isEmpty();
    }
}
