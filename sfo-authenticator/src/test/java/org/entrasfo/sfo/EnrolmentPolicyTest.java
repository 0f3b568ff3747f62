package org.entrasfo.sfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;
import org.junit.jupiter.api.Test;

class EnrolmentPolicyTest {

    @Test
    void isClosedUnlessTheAdminChoseAWindow() {
        AuthenticatorConfigModel window = new AuthenticatorConfigModel();
        window.setConfig(Map.of("enrolment", "window"));

        assertThat(EnrolmentPolicy.of(null)).isEqualTo(EnrolmentPolicy.NEVER);
        assertThat(EnrolmentPolicy.of(window)).isEqualTo(EnrolmentPolicy.WINDOW);
        assertThat(EnrolmentPolicy.NEVER.allows(null, Instant.now())).isFalse();
    }

    @Test
    void readsWindowEndsAsInstantsOrAsDatesMeaningTheEndOfThatDay() {
        assertThat(EnrolmentPolicy.parse("2026-12-01T08:00:00Z")).contains(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(EnrolmentPolicy.parse("2026-12-01")).contains(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(EnrolmentPolicy.parse("next week")).isEmpty();
        assertThat(EnrolmentPolicy.parse(" ")).isEmpty();
    }
}
