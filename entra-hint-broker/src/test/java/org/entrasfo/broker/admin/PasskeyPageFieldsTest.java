package org.entrasfo.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.provider.ProviderConfigProperty;

/** The profile page's factors and passkey fields say what the REST profile's {@code factors} and {@code passkey} say. */
class PasskeyPageFieldsTest {

    @Test
    void noPasskeyFieldFilledInLeavesTheRealmsPolicyAloneAndNoFactorMeansTheDefaultOnes() {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(PasskeyPageFields.RP_ID, " ");
        config.put(PasskeyPageFields.ALLOWED_AAGUIDS, List.of());

        assertThat(PasskeyPageFields.passkey(config)).isNull();
        assertThat(PasskeyPageFields.factors(config)).isNull();
    }

    @Test
    void readsListsSentAsSeveralValuesOrJoinedAsTheConsoleJoinsThem() {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.put(PasskeyPageFields.FACTORS, List.of("sfo-passkey", "sfo-otp"));
        config.putSingle(PasskeyPageFields.ALLOWED_AAGUIDS, "cb69481e-8ff7-4039-93ec-0a2729a154a8##ee882879-721c-4913-9775-3dfcce97072a");
        config.putSingle(PasskeyPageFields.ATTESTATION, "direct");

        assertThat(PasskeyPageFields.factors(config)).containsExactly("sfo-passkey", "sfo-otp");
        PasskeySettings settings = PasskeyPageFields.passkey(config);
        assertThat(settings.effectiveAaguids()).containsExactly("cb69481e-8ff7-4039-93ec-0a2729a154a8", "ee882879-721c-4913-9775-3dfcce97072a");
        assertThat(settings.effectiveAttestation()).isEqualTo("direct");
        assertThat(settings.effectiveUserVerification()).isEqualTo(PasskeySettings.DEFAULT_USER_VERIFICATION);
    }

    @Test
    void anEntryMadeForARestProfileShowsThePolicyThatProfileSet() {
        PasskeySettings rest = new PasskeySettings();
        rest.userVerification = "required";
        rest.attestation = "indirect";
        rest.allowedAaguids = List.of("CB69481E-8FF7-4039-93EC-0A2729A154A8");
        rest.extraOrigins = List.of("https://app.example.org");
        rest.authenticatorAttachment = "cross-platform";

        PasskeySettings shown = PasskeyPageFields.passkey(PasskeyPageFields.of(List.of("sfo-passkey"), rest));

        assertThat(shown.effectiveUserVerification()).isEqualTo("required");
        assertThat(shown.effectiveAttestation()).isEqualTo("indirect");
        assertThat(shown.effectiveResidentKey()).isEqualTo(rest.effectiveResidentKey());
        assertThat(shown.effectiveAaguids()).isEqualTo(rest.effectiveAaguids());
        assertThat(shown.effectiveExtraOrigins()).isEqualTo(rest.effectiveExtraOrigins());
        assertThat(shown.effectiveSignatureAlgorithms()).isEqualTo(rest.effectiveSignatureAlgorithms());
        assertThat(shown.effectiveAuthenticatorAttachment()).isEqualTo("cross-platform");
        assertThat(shown.effectiveRpName()).isEmpty();
    }

    @Test
    void everyPasskeyFieldTheRestCallCanRefuseIsAFieldOfThePage() {
        PasskeySettings bad = new PasskeySettings();
        bad.rpId = "https://x";
        bad.rpName = "\u0000";
        bad.userVerification = "always";
        bad.attestation = "enterprise";
        bad.residentKey = "Yes";
        bad.allowedAaguids = List.of("not-a-guid");
        bad.extraOrigins = List.of("http://x");
        bad.signatureAlgorithms = List.of("RS1");
        bad.authenticatorAttachment = "usb";
        List<TenantProfile.FieldError> errors = new java.util.ArrayList<>();
        bad.validate(errors);
        List<String> pageFields = PasskeyPageFields.properties(List.of("sfo-otp")).stream().map(ProviderConfigProperty::getName).toList();

        assertThat(errors).hasSize(9);
        assertThat(errors).allSatisfy(error -> assertThat(pageFields).contains(PasskeyPageFields.REST_TO_PAGE.get(error.field())));
    }
}
