package org.entrasfo.sfo.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

/** What reaches Keycloak's registration ceremony: only answers it can read without failing outside its error handling. */
class RegistrationAnswerTest {

    private static final String CLIENT_DATA = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"type\":\"webauthn.create\"}".getBytes());
    private static final String ATTESTATION = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {1, 2, 3, 4});

    private static MultivaluedMap<String, String> form(Map<String, String> fields) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        fields.forEach(form::putSingle);
        return form;
    }

    private static Map<String, String> answer(String name) {
        return Map.of("clientDataJSON", CLIENT_DATA, "attestationObject", ATTESTATION, "authenticatorLabel", name);
    }

    @Test
    void aCompleteAnswerGoesToKeycloaksCeremony() {
        assertThat(RegistrationAnswer.problem(form(answer("Ward key")))).isEmpty();
    }

    @Test
    void aPostWithoutTheKeysAnswerIsStoppedBeforeKeycloakDecodesIt() {
        assertThat(RegistrationAnswer.problem(form(Map.of()))).isPresent();
        assertThat(RegistrationAnswer.problem(form(Map.of("clientDataJSON", CLIENT_DATA)))).isPresent();
    }

    /** Keycloak decodes strictly: padding in the middle, '+' or '/' would fail there, outside its error page. */
    @Test
    void fieldsThatOnlyALenientDecoderReadsAreStopped() {
        assertThat(RegistrationAnswer.problem(form(Map.of("clientDataJSON", "AAAA=x", "attestationObject", ATTESTATION)))).isPresent();
        assertThat(RegistrationAnswer.problem(form(Map.of("clientDataJSON", CLIENT_DATA, "attestationObject", "ab+/")))).isPresent();
    }

    @Test
    void aKeyNameLongerThanKeycloaksLabelColumnIsRefusedWithItsOwnMessage() {
        assertThat(RegistrationAnswer.problem(form(answer("k".repeat(256))))).get()
                .extracting(RegistrationAnswer.Problem::message).isEqualTo("sfoPasskeyNameTooLong");
        assertThat(RegistrationAnswer.problem(form(answer("k".repeat(255))))).isEmpty();
    }

    /** Keycloak logs the browser's error text and stores the id and transports: no forged log lines, no floods. */
    @Test
    void browserErrorsCredentialIdsAndTransportsAreBoundedAndOnOneLine() {
        assertThat(RegistrationAnswer.problem(form(Map.of("error", "NotAllowedError: timed out")))).isEmpty();
        assertThat(RegistrationAnswer.problem(form(Map.of("error", "NotAllowedError\nERROR forged line")))).isPresent();
        assertThat(RegistrationAnswer.problem(form(Map.of("error", "x".repeat(501))))).isPresent();
        Map<String, String> longId = new java.util.HashMap<>(answer("Ward key"));
        longId.put("publicKeyCredentialId", "A".repeat(1401));
        assertThat(RegistrationAnswer.problem(form(longId))).isPresent();
        Map<String, String> longTransports = new java.util.HashMap<>(answer("Ward key"));
        longTransports.put("transports", "usb,".repeat(30));
        assertThat(RegistrationAnswer.problem(form(longTransports))).isPresent();
    }
}
