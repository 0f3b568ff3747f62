package org.entrasfo.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/** Contract 6: the SSO cookie never replaces the second factor for Entra, yet counts as full MFA for other clients. */
class SsoSessionIT {

    private final TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);

    @Test
    void neverLetsTheSsoCookieStandInForTheSecondFactor() {
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));

        Browser.Page again = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));

        assertThat(asksForOtp(again)).as("a fresh factor is asked despite the SSO cookie").isTrue();
        assertThat(again.body()).doesNotContain("name=\"id_token\"");
    }

    @Test
    void neverAnswersAPassiveRequestWithAToken() {
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));

        AuthorizationRequest passive = realm.requestWith(realm.hintFor(user).sign()).set("prompt", "none");
        FormPost answer = answerOf(send(browser, realm, passive));

        assertThat(answer.isError()).isTrue();
        assertThat(answer.fields()).doesNotContainKey("id_token");
    }

    @Test
    void endsAnotherUsersSessionOnASharedBrowserInsteadOfStopping() {
        EntraUser nurse = realm.newUser();
        EntraUser doctor = realm.newUser();
        Browser sharedWorkstation = newBrowser();
        signIn(sharedWorkstation, realm, nurse, realm.requestWith(realm.hintFor(nurse).sign()));

        AuthorizationRequest request = realm.requestWith(realm.hintFor(doctor).sign());
        FormPost answer = signIn(sharedWorkstation, realm, doctor, request);

        assertThat(validate(answer, realm, request, doctor.subject()).violations()).isEmpty();
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        String nurseId = realm.userId(nurse);
        assertThat(admin.get("/" + realm.name() + "/users/" + nurseId + "/sessions")).isEmpty();
    }

    @Test
    void theSsoSessionCountsAsFullMfaForTheRealmsOtherClients() {
        TenantRealm stepUpRealm = TenantRealm.create("step-up-tenant", MicrosoftCloud.GLOBAL, Map.of());
        String portalRedirect = "https://portal.example.org/callback";
        createPortalRequiringLevelTwo(stepUpRealm.name(), portalRedirect);
        EntraUser user = stepUpRealm.newUser();
        Browser browser = newBrowser();
        signIn(browser, stepUpRealm, user, stepUpRealm.requestWith(stepUpRealm.hintFor(user).sign()));

        URI portal = URI.create(KeycloakUnderTest.keycloak().realmUrl(stepUpRealm.name()) + "/protocol/openid-connect/auth"
                + "?client_id=portal&response_type=code&scope=openid&redirect_uri=" + portalRedirect + "&state=s1"
                + "&claims=%7B%22id_token%22%3A%7B%22acr%22%3A%7B%22essential%22%3Atrue%2C%22values%22%3A%5B%22possessionorinherence%22%5D%7D%7D%7D");
        Browser.Page page = browser.get(portal);

        assertThat(page.uri().toString()).as("SSO straight back to the portal, no form:\n%s", page.text())
                .startsWith(portalRedirect).contains("code=");
    }

    /** A browser flow in Keycloak's own step-up style: cookie, else level 2 (OTP) remembered for 10 hours. */
    private static void createPortalRequiringLevelTwo(String realm, String redirectUri) {
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        String flows = "/" + realm + "/authentication/flows";
        admin.post(flows, Map.of("alias", "portal-browser", "providerId", "basic-flow", "topLevel", true, "builtIn", false));
        admin.post(flows + "/portal-browser/executions/execution", Map.of("provider", "auth-cookie"));
        admin.post(flows + "/portal-browser/executions/flow", Map.of("alias", "portal-forms", "type", "basic-flow", "provider", "registration-page-form"));
        admin.post(flows + "/portal-forms/executions/flow", Map.of("alias", "portal-level-2", "type", "basic-flow", "provider", "registration-page-form"));
        admin.post(flows + "/portal-level-2/executions/execution", Map.of("provider", "conditional-level-of-authentication"));
        admin.post(flows + "/portal-level-2/executions/execution", Map.of("provider", "auth-otp-form"));
        for (JsonNode execution : admin.get(flows + "/portal-browser/executions")) {
            String requirement = switch (execution.path("displayName").asText()) {
                case "portal-level-2" -> "CONDITIONAL";
                default -> execution.path("level").asInt() == 0 ? "ALTERNATIVE" : "REQUIRED";
            };
            ((ObjectNode) execution).put("requirement", requirement);
            admin.put(flows + "/portal-browser/executions", execution);
            if ("conditional-level-of-authentication".equals(execution.path("providerId").asText())) {
                admin.post("/" + realm + "/authentication/executions/" + execution.path("id").asText() + "/config",
                        Map.of("alias", "level-2", "config", Map.of("loa-condition-level", "2", "loa-max-age", "36000")));
            }
        }
        String portalFlowId = null;
        for (JsonNode flow : admin.get(flows)) {
            if ("portal-browser".equals(flow.path("alias").asText())) {
                portalFlowId = flow.path("id").asText();
            }
        }
        admin.post("/" + realm + "/clients", Map.of("clientId", "portal", "publicClient", true, "standardFlowEnabled", true,
                "redirectUris", List.of(redirectUri), "authenticationFlowBindingOverrides", Map.of("browser", portalFlowId)));
    }
}
