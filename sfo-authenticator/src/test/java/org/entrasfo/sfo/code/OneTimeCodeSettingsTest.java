package org.entrasfo.sfo.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

class OneTimeCodeSettingsTest {

    private static AuthenticatorConfigModel config(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(values);
        return model;
    }

    @Test
    void hasSafeDefaultsWithoutAnyConfig() {
        OneTimeCodeSettings settings = OneTimeCodeSettings.of(null);

        assertThat(settings.digits()).isEqualTo(6);
        assertThat(settings.validity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.maxAttemptsPerCode()).isEqualTo(3);
        assertThat(settings.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxPerUserPerHour()).isEqualTo(5);
    }

    @Test
    void keepsTheSmsFactorsHourlyQuotaKeyForEveryChannel() {
        assertThat(OneTimeCodeSettings.of(config(Map.of("maxPerUserPerHour", "2"))).maxPerUserPerHour()).isEqualTo(2);
        assertThat(OneTimeCodeSettings.configProperties()).extracting(ProviderConfigProperty::getName).contains("maxPerUserPerHour");
    }

    @Test
    void allowsACooldownOfZeroButNoQuotaOfZero() {
        OneTimeCodeSettings settings = OneTimeCodeSettings.of(config(Map.of("resendCooldownSeconds", "0", "maxPerUserPerHour", "0")));

        assertThat(settings.resendCooldown()).isZero();
        assertThat(settings.maxPerUserPerHour()).isEqualTo(1);
    }

    @Test
    void fallsBackToDefaultsForUnreadableNumbers() {
        OneTimeCodeSettings settings = OneTimeCodeSettings.of(config(Map.of("maxPerUserPerHour", "many", "resendCooldownSeconds", "soon")));

        assertThat(settings.maxPerUserPerHour()).isEqualTo(5);
        assertThat(settings.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void neverLetsACodeOutliveEntrasWindow() {
        assertThat(OneTimeCodeSettings.of(config(Map.of("codeValiditySeconds", "3600"))).validity()).isEqualTo(Duration.ofMinutes(5));
    }
}
