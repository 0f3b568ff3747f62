package org.entrasfo.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class TenantProfileTest {

    private static final java.util.List<String> DEPLOYED_FACTORS = java.util.List.of("sfo-otp", "sfo-sms-code");

    private static TenantProfile valid() {
        TenantProfile profile = new TenantProfile();
        profile.realm = "contoso";
        profile.tenantId = UUID.randomUUID().toString();
        profile.appId = UUID.randomUUID().toString();
        return profile;
    }

    @Test
    void aMinimalProfileIsValid() {
        assertThat(valid().validate(DEPLOYED_FACTORS)).isEmpty();
    }

    @Test
    void refusesNamesTooLongOrWithControlCharactersOrBrokenUnicodeNamingTheField() {
        TenantProfile profile = valid();
        profile.name = "x".repeat(256);
        profile.displayName = "Contoso\u0000Health";
        profile.workflow = "flow\ud800";

        assertThat(profile.validate(DEPLOYED_FACTORS)).extracting(TenantProfile.FieldError::field).containsExactlyInAnyOrder("name", "displayName", "workflow");
    }

    @Test
    void acceptsNamesWithAnyPrintableTextIncludingEmoji() {
        TenantProfile profile = valid();
        profile.displayName = "Krankenhaus <Süd> 'Nord' \uD83C\uDFE5";

        assertThat(profile.validate(DEPLOYED_FACTORS)).isEmpty();
    }

    @Test
    void refusesHintLimitsThatWouldLetStaleOrReplayedHintsThrough() {
        TenantProfile profile = valid();
        profile.clockSkewSeconds = -1;
        profile.maxHintAgeSeconds = Integer.MAX_VALUE;
        profile.levelOfAuthentication = 0;

        assertThat(profile.validate(DEPLOYED_FACTORS)).extracting(TenantProfile.FieldError::field)
                .containsExactlyInAnyOrder("clockSkewSeconds", "maxHintAgeSeconds", "levelOfAuthentication");
    }

    @Test
    void acceptsTheDocumentedDefaultsWrittenOut() {
        TenantProfile profile = valid();
        profile.clockSkewSeconds = 120;
        profile.maxHintAgeSeconds = 600;
        profile.levelOfAuthentication = 2;

        assertThat(profile.validate(DEPLOYED_FACTORS)).isEmpty();
    }
}
