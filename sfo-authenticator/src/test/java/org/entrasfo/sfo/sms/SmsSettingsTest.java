package org.entrasfo.sfo.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.entrasfo.sfo.EnrolmentPolicy;
import org.keycloak.models.AuthenticatorConfigModel;
import org.junit.jupiter.api.Test;

class SmsSettingsTest {

    private static AuthenticatorConfigModel config(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(values);
        return model;
    }

    @Test
    void hasSafeDefaultsWithoutAnyConfig() {
        SmsSettings settings = SmsSettings.of(null);

        assertThat(settings.phoneAttribute()).isEqualTo("phoneNumber");
        assertThat(settings.maxPerRealmPerHour()).isEqualTo(1000);
        assertThat(settings.enrolment()).isEqualTo(EnrolmentPolicy.NEVER);
        assertThat(settings.twilioConfigured()).isFalse();
    }

    @Test
    void readsTheCountryAllowListInAnySpelling() {
        SmsSettings settings = SmsSettings.of(config(Map.of("allowedCountries", "de, at ch##LI")));

        assertThat(settings.allowedCountries()).containsExactlyInAnyOrder("DE", "AT", "CH", "LI");
        assertThat(settings.allowsCountry("AT")).isTrue();
        assertThat(settings.allowsCountry("US")).isFalse();
        assertThat(SmsSettings.of(null).allowsCountry("US")).as("empty list: every country").isTrue();
    }

    @Test
    void needsAccountTokenAndASenderOrAMessagingService() {
        assertThat(SmsSettings.of(config(Map.of("twilioAccountSid", "AC1", "twilioAuthToken", "t"))).twilioConfigured()).isFalse();
        assertThat(SmsSettings.of(config(Map.of("twilioAccountSid", "AC1", "twilioAuthToken", "t", "twilioFrom", "+1500"))).twilioConfigured()).isTrue();
        assertThat(SmsSettings.of(config(Map.of("twilioAccountSid", "AC1", "twilioAuthToken", "t", "twilioMessagingServiceSid", "MG1"))).twilioConfigured()).isTrue();
    }

    @Test
    void fallsBackToDefaultsForUnreadableNumbers() {
        assertThat(SmsSettings.of(config(Map.of("maxPerRealmPerHour", "many"))).maxPerRealmPerHour()).isEqualTo(1000);
        assertThat(SmsSettings.of(config(Map.of("maxPerRealmPerHour", "-3"))).maxPerRealmPerHour()).isEqualTo(1);
    }

    @Test
    void neverPrintsTheAuthToken() {
        assertThat(SmsSettings.of(config(Map.of("twilioAuthToken", "very-secret-token"))).toString()).doesNotContain("very-secret-token");
    }
}
