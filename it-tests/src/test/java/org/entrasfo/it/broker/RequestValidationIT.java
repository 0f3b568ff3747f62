package org.entrasfo.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraAssertions.assertLocalErrorPage;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.util.List;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Contract 2 and 4: what Entra's request must look like, and where each kind of refusal is answered. */
class RequestValidationIT {

    private final TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
    private final EntraUser user = realm.newUser();

    private AuthorizationRequest request() {
        return realm.requestWith(realm.hintFor(user).sign());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://login.microsoftonline.com/common/federation/externalauthprovider",
            "https://login.microsoftonline.com/common/federation/externalauthprovider/",
            "https://LOGIN.microsoftonline.com/common/federation/externalauthprovider",
            "https://login.microsoftonline.com/common/federation/ExternalAuthProvider",
            "https://login.microsoftonline.com.evil.example/common/federation/externalauthprovider",
            "https://login.microsoftonline.us/common/federation/externalauthprovider"})
    void answersAWrongRedirectUriLocallyAndPostsNothing(String redirectUri) {
        Browser.Page page = send(newBrowser(), realm, request().set("redirect_uri", redirectUri));

        assertLocalErrorPage(page);
    }

    @Test
    void answersAnUnknownClientLocallyAndPostsNothing() {
        Browser.Page page = send(newBrowser(), realm, request().set("client_id", "00000000-0000-0000-0000-000000000000"));

        assertLocalErrorPage(page);
    }

    @Test
    void refusesTheCodeFlow() {
        AuthorizationRequest request = request().set("response_type", "code");
        FormPost answer = answerOf(send(newBrowser(), realm, request));

        assertThat(answer.isError()).isTrue();
        assertThat(answer.fields()).doesNotContainKeys("id_token", "code");
        assertThat(answer.field("state")).isEqualTo(request.get("state"));
    }

    @Test
    void refusesAResponseModeOtherThanFormPost() {
        AuthorizationRequest request = request().set("response_mode", "fragment");

        assertErrorPostedToEntra(send(newBrowser(), realm, request), realm, request, "invalid_request", "entra_unsupported_response");
    }

    @Test
    void refusesAnAcrNoFactorCanMeet() {
        AuthorizationRequest request = request()
                .set("claims", AuthorizationRequest.claims(List.of("knowledge"), AuthorizationRequest.STANDARD_AMR));

        assertErrorPostedToEntra(send(newBrowser(), realm, request), realm, request, "access_denied", "entra_acr_not_satisfiable");
    }

    @Test
    void refusesAnAmrListWithoutTheUsersFactor() {
        AuthorizationRequest request = request()
                .set("claims", AuthorizationRequest.claims(List.of("possessionorinherence"), List.of("fido", "sms")));

        assertErrorPostedToEntra(send(newBrowser(), realm, request), realm, request, "access_denied", "entra_factor_not_acceptable");
    }

    @Test
    void refusesUnreadableClaims() {
        AuthorizationRequest request = request().set("claims", "{not json");
        Browser.Page page = send(newBrowser(), realm, request);

        assertThat(page.formPost().map(FormPost::isError).orElse(page.status() >= 400)).isTrue();
        assertThat(page.body()).doesNotContain("id_token\" VALUE");
    }
}
