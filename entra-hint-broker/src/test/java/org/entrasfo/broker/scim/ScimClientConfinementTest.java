package org.entrasfo.broker.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The provisioning client's token is recognised however Keycloak would read it, so the confinement cannot be slipped. */
class ScimClientConfinementTest {

    private static String unsignedToken(String azp) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(("{\"azp\":\"" + azp + "\",\"iss\":\"https://mfa.example.org/realms/contoso\"}").getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
    }

    @Test
    void aTokenSentWithKeycloaksDpopSchemeIsRecognisedAsWithBearer() {
        String token = unsignedToken(ScimClient.CLIENT_ID);
        assertThat(ScimClientConfinement.token("Bearer " + token)).get().extracting(t -> t.getIssuedFor()).isEqualTo(ScimClient.CLIENT_ID);
        assertThat(ScimClientConfinement.token("DPoP " + token)).get().extracting(t -> t.getIssuedFor()).isEqualTo(ScimClient.CLIENT_ID);
        assertThat(ScimClientConfinement.token("bearer   " + token)).isPresent();
        assertThat(ScimClientConfinement.token("Basic dXNlcjpwYXNz")).isEmpty();
    }

    /** Keycloak reads the first Authorization header; a joined reading of two would hide the first token from the filter. */
    @Test
    void twoAuthorizationHeadersOrAJoinedListAreRefusedBeforeAnyoneReadsThem() {
        String token = unsignedToken(ScimClient.CLIENT_ID);
        assertThat(ScimClientConfinement.ambiguous(List.of("Bearer " + token, "Bearer x.y"))).isTrue();
        assertThat(ScimClientConfinement.ambiguous(List.of("Bearer " + token + ",x.y"))).isTrue();
        assertThat(ScimClientConfinement.ambiguous(List.of("Bearer " + token))).isFalse();
        assertThat(ScimClientConfinement.ambiguous(null)).isFalse();
    }
}
