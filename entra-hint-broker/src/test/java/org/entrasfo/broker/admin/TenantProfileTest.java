package org.entrasfo.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    void refusesPasskeySettingsKeycloaksWebAuthnPolicyCannotHoldNamingEachField() {
        TenantProfile profile = valid();
        profile.passkey = new PasskeySettings();
        profile.passkey.rpId = "https://login.example.org:8443";
        profile.passkey.userVerification = "always";
        profile.passkey.attestation = "enterprise";
        profile.passkey.residentKey = "Yes";
        profile.passkey.allowedAaguids = java.util.Arrays.asList("cb69481e-8ff7-4039-93ec-0a2729a154a8", "not-a-guid", null);

        assertThat(profile.validate(DEPLOYED_FACTORS)).extracting(TenantProfile.FieldError::field).containsExactlyInAnyOrder(
                "passkey.rpId", "passkey.userVerification", "passkey.attestation", "passkey.residentKey", "passkey.allowedAaguids");
    }

    @Test
    void acceptsPasskeySettingsWithTheirDefaultsOrAHostAndKnownValues() {
        TenantProfile profile = valid();
        profile.passkey = new PasskeySettings();
        assertThat(profile.validate(DEPLOYED_FACTORS)).isEmpty();

        profile.passkey.rpId = "example.org";
        profile.passkey.userVerification = "Required";
        profile.passkey.attestation = "indirect";
        profile.passkey.allowedAaguids = List.of("CB69481E-8FF7-4039-93EC-0A2729A154A8");
        assertThat(profile.validate(DEPLOYED_FACTORS)).isEmpty();
    }

    @Test
    void refusesAllowedAaguidsWithoutAttestationBecauseNoKeyCouldEverBeRegistered() {
        TenantProfile profile = valid();
        profile.passkey = new PasskeySettings();
        profile.passkey.allowedAaguids = List.of("cb69481e-8ff7-4039-93ec-0a2729a154a8");

        assertThat(profile.validate(DEPLOYED_FACTORS)).as("attestation left at its default, none")
                .extracting(TenantProfile.FieldError::field).containsExactly("passkey.attestation");
        profile.passkey.attestation = "None";
        assertThat(profile.validate(DEPLOYED_FACTORS)).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("indirect or direct"));
        profile.passkey.attestation = "direct";
        assertThat(profile.validate(DEPLOYED_FACTORS)).isEmpty();
    }

    @Test
    void refusesExtraOriginsAlgorithmsAttachmentAndRelyingPartyNamesTheWebAuthnPolicyCannotHold() {
        TenantProfile profile = valid();
        profile.passkey = new PasskeySettings();
        profile.passkey.extraOrigins = List.of("http://intranet.example.org");
        profile.passkey.signatureAlgorithms = List.of("ES256", "RS1");
        profile.passkey.authenticatorAttachment = "usb";
        profile.passkey.rpName = "Ward\u00003";

        assertThat(profile.validate(DEPLOYED_FACTORS)).extracting(TenantProfile.FieldError::field).containsExactlyInAnyOrder(
                "passkey.extraOrigins", "passkey.signatureAlgorithms", "passkey.authenticatorAttachment", "passkey.rpName");

        for (String origin : List.of("https://mfa.example.org/path", "https://*.example.org", "javascript:alert(1)")) {
            profile.passkey.extraOrigins = List.of(origin);
            assertThat(profile.validate(DEPLOYED_FACTORS)).as(origin).extracting(TenantProfile.FieldError::field).contains("passkey.extraOrigins");
        }
    }

    @Test
    void acceptsExtraOriginsAlgorithmsAndAttachmentKeycloakKnows() {
        TenantProfile profile = valid();
        profile.passkey = new PasskeySettings();
        profile.passkey.extraOrigins = List.of("https://app.example.org:8443", "android:apk-key-hash:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
        profile.passkey.signatureAlgorithms = List.of("ES256", "Ed25519");
        profile.passkey.authenticatorAttachment = "cross-platform";
        profile.passkey.rpName = "Klinikum Süd";

        assertThat(profile.validate(DEPLOYED_FACTORS)).isEmpty();
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
