package org.entrasfo.it.factors.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user who lost their device signs in with a temporary code from the help desk, issued by an operator. */
class HelpdeskCodeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE_FORM = "#sfo-code-form";

    private static TenantRealm realm;
    private static String operatorToken;
    private static String plainUserToken;

    @BeforeAll
    static void realmWithAnOperator() throws Exception {
        realm = TenantRealm.create("helpdesk-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-helpdesk-code")));
        KeycloakAdmin admin = realm.keycloak().admin();
        operatorToken = tokenOf(staffMember(admin, "operator", true));
        plainUserToken = tokenOf(staffMember(admin, "nurse", false));
    }

    /** A member of staff of the tenant realm who signs in to its admin API with a password. */
    private static String staffMember(KeycloakAdmin admin, String prefix, boolean helpdesk) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        KeycloakAdmin.Answer created = admin.post("/" + realm.name() + "/users", Map.of("username", username, "enabled", true,
                "email", username + "@hospital.example", "firstName", prefix, "lastName", "Staff",
                "credentials", List.of(Map.of("type", "password", "value", "Pa55-" + username, "temporary", false))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.location().substring(created.location().lastIndexOf('/') + 1);
        if (helpdesk) {
            admin.post("/" + realm.name() + "/users/" + id + "/role-mappings/realm", List.of(admin.get("/" + realm.name() + "/roles/sfo-helpdesk")));
        }
        return username;
    }

    private static String tokenOf(String username) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode("Pa55-" + username, StandardCharsets.UTF_8);
        HttpResponse<String> token = http(HttpRequest.newBuilder(URI.create(realm.keycloak().realmUrl(realm.name()) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).path("access_token").asText();
    }

    private static HttpResponse<String> issue(String bearer, Map<String, Object> request) throws Exception {
        return http(HttpRequest.newBuilder(URI.create(realm.keycloak().baseUrl() + "/admin/realms/" + realm.name() + "/entra-sfo-helpdesk/codes"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))));
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
        return realm.keycloak().httpClientBuilder().build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String codeFor(EntraUser user, Map<String, Object> extra) throws Exception {
        Map<String, Object> request = new java.util.HashMap<>(extra);
        request.put("username", user.username());
        HttpResponse<String> issued = issue(operatorToken, request);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        assertThat(issued.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String code = JSON.readTree(issued.body()).path("code").asText();
        RunSecrets.code(RunSecrets.Kind.CODE, code);
        return code;
    }

    @Test
    void anOperatorsCodeSignsTheUserInOnceAndIsThenSpent() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        String code = codeFor(user, Map.of());
        assertThat(code).matches("\\d{4} \\d{4}");
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page page = send(browser, realm, request);
        assertThat(page.text()).contains("temporary code your help desk gave you");
        assertThat(page.form(CODE_FORM).orElseThrow().select("#sfo-code-resend")).isEmpty();
        FormPost answer = answerOf(browser.submit(page, CODE_FORM, Map.of("code", code, "verify", "true")));

        assertThat(validate(answer, realm, request, user.subject()).claims()).containsEntry("amr", List.of("otp"));
        JsonNode login = eventOf(realm, request, "LOGIN").orElseThrow();
        assertThat(login.path("details").path("factor").asText()).isEqualTo("helpdesk");
        assertThat(login.path("details").path("issued_by").asText()).startsWith("operator-");
        assertThat(realm.keycloak().admin().adminEvents(realm.name()).toString()).contains(user.username()).doesNotContain(code.replace(" ", ""));

        AuthorizationRequest again = realm.requestWith(realm.hintFor(user).sign());
        assertErrorPostedToEntra(send(newBrowser(), realm, again), realm, again, "access_denied", "sfo_no_usable_factor");
    }

    @Test
    void reportsTheAmrTheOperatorChose() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        String code = codeFor(user, Map.of("amr", "tel", "validMinutes", 15));
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page page = send(browser, realm, request);
        FormPost answer = answerOf(browser.submit(page, CODE_FORM, Map.of("code", code.replace(" ", ""), "verify", "true")));

        assertThat(validate(answer, realm, request, user.subject()).claims()).containsEntry("amr", List.of("tel"));
    }

    @Test
    void aWrongCodeCountsAsAFailedAttempt() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        codeFor(user, Map.of());
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page page = send(browser, realm, request);
        Browser.Page wrong = browser.submit(page, CODE_FORM, Map.of("code", "0000 0000", "verify", "true"));

        assertThat(wrong.text()).contains("That code is not right");
        assertThat(eventOf(realm, request, "LOGIN_ERROR").orElseThrow().path("error").asText()).isEqualTo("invalid_user_credentials");
    }

    @Test
    void onlyOperatorsAndUserAdminsIssueCodes() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());

        assertThat(issue(plainUserToken, Map.of("username", user.username())).statusCode()).isEqualTo(403);
        assertThat(issue(operatorToken, Map.of("username", "nobody-" + UUID.randomUUID())).statusCode()).isEqualTo(400);
        assertThat(issue(operatorToken, Map.of("username", user.username(), "validMinutes", 0)).statusCode()).isEqualTo(400);
        assertThat(issue(operatorToken, Map.of("username", user.username(), "amr", "password")).statusCode()).isEqualTo(400);
    }
}
