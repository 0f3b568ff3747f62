package org.entrasfo.sfo.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.sfo.code.SaltedCodeHash;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;

class HelpdeskCodeTest {

    private static final Instant ISSUED = Instant.parse("2026-11-30T08:00:00Z");

    private static CredentialModel stored(String credentialData) {
        CredentialModel model = new CredentialModel();
        model.setId("cred-1");
        model.setType(HelpdeskCode.TYPE);
        model.setCreatedDate(ISSUED.toEpochMilli());
        model.setCredentialData(credentialData);
        model.setSecretData("{\"salt\":\"s\",\"hash\":\"h\"}");
        return model;
    }

    @Test
    void keepsWhatWasIssued() {
        HelpdeskCode issued = new HelpdeskCode(null, SaltedCodeHash.of("12345678"), ISSUED, ISSUED.plus(Duration.ofHours(2)), 3,
                AuthenticationMethod.TEL, "op@contoso");

        HelpdeskCode read = HelpdeskCode.fromModel(issued.toModel());

        assertThat(read.uses()).isEqualTo(3);
        assertThat(read.method()).isEqualTo(AuthenticationMethod.TEL);
        assertThat(read.issuedAt()).isEqualTo(ISSUED);
        assertThat(read.expiresAt()).isEqualTo(ISSUED.plus(Duration.ofHours(2)));
        assertThat(read.hash().matches("12345678")).isTrue();
    }

    @Test
    void aCodeIssuedWithAnInherenceAmrBeforeTheRuleReportsOtp() {
        HelpdeskCode legacy = HelpdeskCode.fromModel(stored(
                "{\"expiresAt\":" + ISSUED.plus(Duration.ofHours(1)).getEpochSecond() + ",\"singleUse\":true,\"amr\":\"face\",\"issuedBy\":\"op\"}"));

        assertThat(legacy.method()).isEqualTo(AuthenticationMethod.OTP);
        assertThat(legacy.uses()).isEqualTo(1);
    }

    @Test
    void aMultiUseCodeOfSeveralDaysIssuedBeforeTheLimitsObeysTheRealmsLimitsNow() {
        HelpdeskCode legacy = HelpdeskCode.fromModel(stored(
                "{\"expiresAt\":" + ISSUED.plus(Duration.ofDays(7)).getEpochSecond() + ",\"singleUse\":false,\"amr\":\"otp\",\"issuedBy\":\"op\"}"));
        HelpdeskCodeLimits defaults = HelpdeskCodeLimits.DEFAULTS;

        assertThat(legacy.allowedUses(defaults)).isEqualTo(1);
        assertThat(legacy.expiresAt(defaults)).isEqualTo(ISSUED.plus(Duration.ofHours(8)));
        assertThat(legacy.isExpired(ISSUED.plus(Duration.ofHours(8)), defaults)).isTrue();
        assertThat(legacy.isExpired(ISSUED.plus(Duration.ofHours(7)), defaults)).isFalse();
        assertThat(legacy.allowedUses(HelpdeskCodeLimits.of(Map.of("maxUsesPerCode", "4")))).isEqualTo(4);
    }
}
