package org.entrasfo.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.IdTokenValidator;
import org.entrasfo.it.keycloak.KeycloakEndpoint;

/** The steps of one Entra external-MFA transaction, as the user's browser and Entra see them. */
public final class EntraRoundTrip {

    public static final String OTP_FORM = "#sfo-otp-form";

    private EntraRoundTrip() {
    }

    public static Browser newBrowser() {
        return new Browser(KeycloakUnderTest.keycloak().httpClientBuilder());
    }

    /** Entra's form POST arriving at the realm's authorization endpoint. */
    public static Browser.Page send(Browser browser, TenantRealm realm, AuthorizationRequest request) {
        return browser.post(realm.keycloak().authorizationEndpoint(realm.name()), request.formParameters());
    }

    public static Browser.Page sendAsGet(Browser browser, TenantRealm realm, AuthorizationRequest request) {
        return browser.get(request.asGetUri(realm.keycloak().authorizationEndpoint(realm.name())));
    }

    public static Browser.Page submitCode(Browser browser, Browser.Page otpPage, String code) {
        return browser.submit(otpPage, OTP_FORM, Map.of("otp", code));
    }

    public static boolean asksForOtp(Browser.Page page) {
        return page.form(OTP_FORM).isPresent();
    }

    /** The whole happy path: request, OTP page, code, answer to Entra. */
    public static FormPost signIn(Browser browser, TenantRealm realm, EntraUser user, AuthorizationRequest request) {
        Browser.Page otpPage = send(browser, realm, request);
        assertThat(asksForOtp(otpPage)).as("OTP page, got:\n%s", otpPage.text()).isTrue();
        return answerOf(submitCode(browser, otpPage, user.nextCode()));
    }

    /** Picks a factor on Keycloak's "Try another way" page by the name it shows. */
    public static Browser.Page chooseFactor(Browser browser, Browser.Page choices, String name) {
        for (org.jsoup.nodes.Element item : choices.document().select("li")) {
            if (item.text().contains(name)) {
                org.jsoup.nodes.Element form = item.selectFirst("form");
                String execution = form.selectFirst("input[name=authenticationExecution]").attr("value");
                return browser.post(java.net.URI.create(form.absUrl("action")), Map.of("authenticationExecution", execution));
            }
        }
        throw new AssertionError("no choice " + name + " on:\n" + choices.text());
    }

    public static FormPost answerOf(Browser.Page page) {
        Optional<FormPost> post = page.formPost();
        assertThat(post).as("an auto-submitting answer to Entra, got HTTP %s:\n%s", page.status(), page.text()).isPresent();
        return post.get();
    }

    /** Entra's own checks of the answer (contract 1 and 4). */
    public static IdTokenValidator.Result validate(FormPost answer, TenantRealm realm, AuthorizationRequest request, String hintSubject,
                                                   List<String> acrValues, List<String> amrValues) {
        KeycloakEndpoint keycloak = realm.keycloak();
        IdTokenValidator validator = new IdTokenValidator(keycloak.httpClientBuilder().build(), false);
        return validator.validate(answer, new IdTokenValidator.Expectation(realm.discoveryUrl(), request.get("client_id"),
                request.get("redirect_uri"), request.get("nonce"), request.get("state"), acrValues, amrValues, hintSubject));
    }

    public static IdTokenValidator.Result validate(FormPost answer, TenantRealm realm, AuthorizationRequest request, String hintSubject) {
        return validate(answer, realm, request, hintSubject, List.of("possessionorinherence"), AuthorizationRequest.STANDARD_AMR);
    }

    /** The Keycloak event of this transaction, found by Entra's client-request-id. */
    public static Optional<JsonNode> eventOf(TenantRealm realm, AuthorizationRequest request, String type) {
        String correlation = request.get("client-request-id");
        return realm.keycloak().admin().events(realm.name(), type).stream()
                .filter(e -> correlation.equals(e.path("details").path("client_request_id").asText()))
                .findFirst();
    }
}
