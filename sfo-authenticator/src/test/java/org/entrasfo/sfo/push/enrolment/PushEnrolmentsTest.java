package org.entrasfo.sfo.push.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class PushEnrolmentsTest {

    private static String tokenWithHeader(String header) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString("{\"typ\":\"sfo-push-enrolment\"}".getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void onlyTheRealmsKindOfTokenReachesKeycloaksDecoder() {
        assertThat(PushEnrolments.hasTheRealmsTokenHeader(tokenWithHeader("{\"alg\":\"HS512\",\"kid\":\"k1\"}"))).isTrue();
    }

    /** Without a key id, Keycloak's decoder would create a realm key of the named algorithm if the realm had none. */
    @Test
    void aTokenWithoutKeyIdOrOfAnotherAlgorithmIsRefusedUnread() {
        assertThat(PushEnrolments.hasTheRealmsTokenHeader(tokenWithHeader("{\"alg\":\"ES512\"}"))).isFalse();
        assertThat(PushEnrolments.hasTheRealmsTokenHeader(tokenWithHeader("{\"alg\":\"HS384\"}"))).isFalse();
        assertThat(PushEnrolments.hasTheRealmsTokenHeader(tokenWithHeader("{\"alg\":\"HS512\"}"))).isFalse();
        assertThat(PushEnrolments.hasTheRealmsTokenHeader(tokenWithHeader("{\"alg\":\"RS384\",\"kid\":\"k1\"}"))).isFalse();
        assertThat(PushEnrolments.hasTheRealmsTokenHeader("not a token")).isFalse();
    }
}
