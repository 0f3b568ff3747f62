package org.entrasfo.it.factors.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.chooseFactor;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.RealmApplication;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user who lost their device signs in with a temporary code from the help desk, issued by an operator: a possession
 * amr only, within the realm's limits, never to oneself or between operators, spent only by a completed sign-in.
 */
class HelpdeskCodeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CODE_FORM = "#sfo-code-form";
    static final String TRY_ANOTHER_WAY = "#kc-select-try-another-way-form";
    static final String HELPDESK_CHOICE = "Help desk code";

    private static TenantRealm realm;
    private static EntraUser operator;
    private static String operatorToken;
    private static EntraUser otherOperator;
    private static EntraUser userAdmin;
    private static String userAdminToken;
    private static String plainUserToken;

    @BeforeAll
    static void realmWithStaff() {
        realm = TenantRealm.create("helpdesk-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-helpdesk-code")));
        operator = staffMember(realm, "sfo-helpdesk");
        otherOperator = staffMember(realm, "sfo-helpdesk");
        userAdmin = staffMember(realm, "realm-management/manage-users");
        operatorToken = RealmApplication.adminTokenOf(realm, operator);
        userAdminToken = RealmApplication.adminTokenOf(realm, userAdmin);
        plainUserToken = RealmApplication.adminTokenOf(realm, realm.newUser());
    }

    /** A member of staff: an Entra user of the tenant realm with an OTP token and a realm role or realm-management role. */
    static EntraUser staffMember(TenantRealm realm, String role) {
        EntraUser user = realm.newUser();
        KeycloakAdmin admin = realm.keycloak().admin();
        String userPath = "/" + realm.name() + "/users/" + realm.userId(user);
        if (role.startsWith("realm-management/")) {
            String client = admin.get("/" + realm.name() + "/clients?clientId=realm-management").path(0).path("id").asText();
            JsonNode clientRole = admin.get("/" + realm.name() + "/clients/" + client + "/roles/" + role.substring(role.indexOf('/') + 1));
            assertThat(admin.post(userPath + "/role-mappings/clients/" + client, List.of(clientRole)).status()).isEqualTo(204);
        } else {
            assertThat(admin.post(userPath + "/role-mappings/realm", List.of(admin.get("/" + realm.name() + "/roles/" + role))).status())
                    .isEqualTo(204);
        }
        return user;
    }

    static HttpResponse<String> issue(TenantRealm realm, String bearer, Map<String, Object> request) throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(realm.keycloak().baseUrl() + "/admin/realms/" + realm.name()
                        + "/entra-sfo-helpdesk/codes"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)));
        return realm.keycloak().httpClientBuilder().build().send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> issue(String bearer, Map<String, Object> request) throws Exception {
        return issue(realm, bearer, request);
    }

    /** The refusal in Keycloak's ErrorRepresentation shape, with its status and the field it names. */
    static JsonNode assertRefused(HttpResponse<String> answer, int status, String field) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("errorMessage").asText()).as(answer.body()).isNotBlank();
        if (field != null) {
            assertThat(error.path("field").asText()).as(answer.body()).isEqualTo(field);
        }
        assertThat(answer.body()).doesNotContain("code\":");
        return error;
    }

    private static String codeFor(EntraUser user, Map<String, Object> extra) throws Exception {
        Map<String, Object> request = new HashMap<>(extra);
        request.put("username", user.username());
        HttpResponse<String> issued = issue(operatorToken, request);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        assertThat(issued.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String code = JSON.readTree(issued.body()).path("code").asText();
        RunSecrets.code(RunSecrets.Kind.CODE, code);
        return code;
    }

    /** The help desk code page, reached under "Try another way" from the OTP page a user with a token sees first. */
    static Browser.Page helpdeskPageOf(Browser browser, TenantRealm realm, AuthorizationRequest request) {
        Browser.Page otp = send(browser, realm, request);
        assertThat(asksForOtp(otp)).as(otp.text()).isTrue();
        Browser.Page choices = browser.submit(otp, TRY_ANOTHER_WAY, Map.of("tryAnotherWay", "on"));
        Browser.Page page = chooseFactor(browser, choices, HELPDESK_CHOICE);
        assertThat(page.form(CODE_FORM)).as(page.text()).isPresent();
        return page;
    }

    static Browser.Page type(Browser browser, Browser.Page page, String code) {
        return browser.submit(page, CODE_FORM, Map.of("code", code, "verify", "true"));
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
        FormPost answer = answerOf(type(browser, page, code));

        assertThat(validate(answer, realm, request, user.subject()).claims()).containsEntry("amr", List.of("otp"));
        JsonNode login = eventOf(realm, request, "LOGIN").orElseThrow();
        assertThat(login.path("details").path("factor").asText()).isEqualTo("helpdesk");
        assertThat(login.path("details").path("issued_by").asText()).isEqualTo(operator.username() + "@" + realm.name());
        assertThat(realm.keycloak().admin().adminEvents(realm.name()).toString()).contains(user.username()).doesNotContain(code.replace(" ", ""));

        AuthorizationRequest again = realm.requestWith(realm.hintFor(user).sign());
        assertErrorPostedToEntra(send(newBrowser(), realm, again), realm, again, "access_denied", "sfo_no_usable_factor");
    }

    @Test
    void reportsThePossessionAmrTheOperatorChose() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        String code = codeFor(user, Map.of("amr", "tel", "validMinutes", 15));
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        FormPost answer = answerOf(type(browser, send(browser, realm, request), code.replace(" ", "")));

        assertThat(validate(answer, realm, request, user.subject()).claims()).containsEntry("amr", List.of("tel"));
    }

    @Test
    void refusesAnInherenceOrPhishingResistantAmrAnOperatorCouldSatisfyAnAcrWith() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());

        for (String amr : List.of("face", "fpt", "fido", "sc", "pop", "pwd")) {
            assertRefused(issue(operatorToken, Map.of("username", user.username(), "amr", amr)), 400, "amr");
        }
        assertThat(realm.keycloak().admin().get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials")).isEmpty();
    }

    @Test
    void refusesAValidityBeyondTheRealmsMaximumOfEightHours() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());

        assertRefused(issue(operatorToken, Map.of("username", user.username(), "validMinutes", 8 * 60 + 1)), 400, "validMinutes");
        assertRefused(issue(operatorToken, Map.of("username", user.username(), "validMinutes", 7 * 24 * 60)), 400, "validMinutes");
        assertThat(issue(operatorToken, Map.of("username", user.username(), "validMinutes", 8 * 60)).statusCode()).isEqualTo(201);
    }

    @Test
    void aWrongCodeCountsAsAFailedAttempt() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        codeFor(user, Map.of());
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page wrong = type(browser, send(browser, realm, request), "0000 0000");

        assertThat(wrong.text()).contains("That code is not right");
        assertThat(eventOf(realm, request, "LOGIN_ERROR").orElseThrow().path("error").asText()).isEqualTo("invalid_user_credentials");
    }

    @Test
    void onlyOperatorsAndUserAdminsIssueCodesAndEveryRefusalNamesItsField() throws Exception {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());

        assertRefused(issue(plainUserToken, Map.of("username", user.username())), 403, null);
        assertRefused(issue(operatorToken, Map.of("username", "nobody-" + UUID.randomUUID())), 400, "username");
        assertRefused(issue(operatorToken, Map.of("username", user.username(), "validMinutes", 0)), 400, "validMinutes");
        assertRefused(issue(operatorToken, Map.of("username", user.username(), "validMinutes", "soon")), 400, "validMinutes");
        assertRefused(issue(operatorToken, Map.of("username", user.username(), "lifetime", 5)), 400, "lifetime");
    }

    @Test
    void anOperatorMayNotIssueACodeToThemselves() throws Exception {
        JsonNode refusal = assertRefused(issue(operatorToken, Map.of("username", operator.username())), 403, "username");

        assertThat(refusal.path("errorMessage").asText()).contains("themselves");
        assertThat(helpdeskCredentialsOf(operator)).isEmpty();
    }

    @Test
    void anOperatorMayNotIssueACodeToAnotherOperatorOrToAnAdmin() throws Exception {
        assertRefused(issue(operatorToken, Map.of("username", otherOperator.username())), 403, "username");
        assertRefused(issue(operatorToken, Map.of("username", userAdmin.username())), 403, "username");

        assertThat(helpdeskCredentialsOf(otherOperator)).isEmpty();
        assertThat(helpdeskCredentialsOf(userAdmin)).isEmpty();
    }

    @Test
    void anAdminWhoMayManageUsersIssuesToAnOperatorButNotToThemselves() throws Exception {
        EntraUser helped = staffMember(realm, "sfo-helpdesk");
        KeycloakAdmin.Answer byMasterAdmin = realm.keycloak().admin().post("/" + realm.name() + "/entra-sfo-helpdesk/codes",
                Map.of("username", helped.username()));
        assertThat(byMasterAdmin.status()).as(byMasterAdmin.body().toString()).isEqualTo(201);
        assertThat(issue(userAdminToken, Map.of("username", helped.username())).statusCode()).isEqualTo(201);

        assertRefused(issue(userAdminToken, Map.of("username", userAdmin.username())), 403, "username");
        assertThat(helpdeskCredentialsOf(userAdmin)).isEmpty();
    }

    @Test
    void aSingleUseCodeWhoseTransactionIsRefusedAtCompletionStillWorksInAFreshTransaction() throws Exception {
        EntraUser user = realm.newUser();
        String code = codeFor(user, Map.of());
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser first = newBrowser();
        Browser.Page waiting = helpdeskPageOf(first, realm, request);
        // The same hint completes in another browser with the user's token while the first one waits.
        assertThat(answerOf(submitOtp(request, user)).fields()).containsKey("id_token");

        assertErrorPostedToEntra(type(first, waiting, code), realm, request, "invalid_request", "entra_transaction_replayed");

        AuthorizationRequest fresh = realm.requestWith(realm.hintFor(user).sign());
        Browser second = newBrowser();
        FormPost answer = answerOf(type(second, helpdeskPageOf(second, realm, fresh), code));
        assertThat(validate(answer, realm, fresh, user.subject()).claims()).containsEntry("amr", List.of("otp"));
        assertThat(helpdeskCredentialsOf(user)).as("spent by the sign-in that completed").isEmpty();
    }

    private static Browser.Page submitOtp(AuthorizationRequest request, EntraUser user) {
        Browser browser = newBrowser();
        return submitCode(browser, send(browser, realm, request), user.nextCode());
    }

    static List<JsonNode> helpdeskCredentialsOf(EntraUser user) {
        return helpdeskCredentialsOf(realm, user);
    }

    static List<JsonNode> helpdeskCredentialsOf(TenantRealm realm, EntraUser user) {
        List<JsonNode> found = new java.util.ArrayList<>();
        realm.keycloak().admin().get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials").forEach(c -> {
            if ("sfo-helpdesk-code".equals(c.path("type").asText())) {
                found.add(c);
            }
        });
        return found;
    }
}
