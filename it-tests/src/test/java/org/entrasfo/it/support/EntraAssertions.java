package org.entrasfo.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;

/** The two ways a refused transaction may end (contract 4), each with the event an admin reads. */
public final class EntraAssertions {

    private EntraAssertions() {
    }

    /** An OIDC error posted to Entra's redirect URI with the request's state, and a LOGIN_ERROR event naming the reason. */
    public static JsonNode assertErrorPostedToEntra(Browser.Page page, TenantRealm realm, AuthorizationRequest request,
                                                    String oidcError, String eventError) {
        FormPost answer = EntraRoundTrip.answerOf(page);
        assertThat(answer.isError()).as("error answer, got %s", answer.fields().keySet()).isTrue();
        assertThat(answer.fields()).doesNotContainKey("id_token");
        assertThat(answer.action().toString()).isEqualTo(request.get("redirect_uri"));
        assertThat(answer.method()).isEqualToIgnoringCase("post");
        assertThat(answer.field("error")).isEqualTo(oidcError);
        assertThat(answer.field("state")).isEqualTo(request.get("state"));
        JsonNode event = EntraRoundTrip.eventOf(realm, request, "LOGIN_ERROR")
                .orElseThrow(() -> new AssertionError("no LOGIN_ERROR event with client_request_id " + request.get("client-request-id")));
        assertThat(event.path("error").asText()).isEqualTo(eventError);
        assertThat(event.path("details").path("reason").asText()).isNotBlank();
        String hint = request.get("id_token_hint");
        if (hint != null && hint.contains(".")) {
            assertThat(event.toString()).doesNotContain(hint.split("\\.")[1]);
        }
        return event;
    }

    /** A readable page in the browser and nothing posted anywhere: no auto-submitting form, no token. */
    public static void assertLocalErrorPage(Browser.Page page) {
        assertThat(page.status()).isBetween(400, 499);
        assertThat(page.formPost()).isEmpty();
        assertThat(page.body()).doesNotContain("id_token").doesNotContainIgnoringCase("exception");
        assertThat(page.text()).isNotBlank();
    }
}
