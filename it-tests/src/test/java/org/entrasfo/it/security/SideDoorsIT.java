package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.RealmApplication;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's own doors of a tenant realm provisioned as the README says, tried as an attacker who holds a user's
 * password (a directory user, an operator) or walks up to a browser with an SSO session: no session, token or
 * credential change without a fresh second factor; single sign-on to the realm's other applications only from the
 * session an Entra transaction left.
 */
class SideDoorsIT {

    private static final KeycloakAdmin ADMIN = KeycloakUnderTest.keycloak().admin();
    private static TenantRealm realm;

    @BeforeAll
    static void realmProvisionedAsTheReadmeSays() {
        realm = TenantRealm.create("side-doors-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
    }

    @Test
    void anOperatorsPasswordAloneGetsNoTokenFromThePasswordGrant() {
        EntraUser operator = withPassword(realm, realm.newUser(), "sfo-helpdesk");

        for (String client : List.of("admin-cli", "account-console", "security-admin-console", realm.clientId())) {
            HttpResponse<String> answer = RealmApplication.passwordGrant(realm, client, operator.username(), password(operator));

            assertThat(answer.statusCode()).as("%s: %s", client, answer.body()).isIn(400, 401);
            assertThat(answer.body()).doesNotContain("access_token");
        }
    }

    @Test
    void thePasswordGrantStaysDeniedWhenAnAdminTurnsDirectGrantsBackOn() {
        TenantRealm own = TenantRealm.create("side-doors-grant-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        EntraUser user = withPassword(own, own.newUser(), null);
        JsonNode adminCli = ADMIN.get("/" + own.name() + "/clients?clientId=admin-cli").path(0);
        ((ObjectNode) adminCli).put("directAccessGrantsEnabled", true);
        assertThat(ADMIN.put("/" + own.name() + "/clients/" + adminCli.path("id").asText(), adminCli).status()).isEqualTo(204);

        HttpResponse<String> answer = RealmApplication.passwordGrant(own, "admin-cli", user.username(), password(user));

        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 401);
        assertThat(answer.body()).doesNotContain("access_token");
    }

    @Test
    void aPasswordAloneReachesNoAccountConsole() {
        EntraUser user = withPassword(realm, realm.newUser(), null);
        RealmApplication accountConsole = RealmApplication.accountConsole(realm);

        for (Map<String, String> request : List.of(Map.<String, String>of(), Map.of("login_hint", user.username()),
                Map.of("prompt", "login"), Map.of("kc_idp_hint", "anything"))) {
            Browser.Page page = accountConsole.open(newBrowser(), request);

            assertThat(page.document().select("input[type=password]")).as("no password is ever asked:\n%s", page.text()).isEmpty();
            assertThat(accountConsole.codeOn(page)).isEmpty();
            assertThat(page.text()).contains("Microsoft sign-in");
        }
    }

    @Test
    void theSsoSessionOfAnEntraSignInOpensTheRealmsOtherApplications() {
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        RealmApplication accountConsole = RealmApplication.accountConsole(realm);

        Browser.Page page = accountConsole.open(browser);

        String code = accountConsole.codeOn(page).orElseThrow(() -> new AssertionError("single sign-on, got:\n" + page.text()));
        assertThat(accountConsole.redeem(code).path("access_token").asText()).isNotEmpty();
    }

    @Test
    void enrolmentActionsWithoutAnSsoSessionShowNoEnrolmentPage() {
        RealmApplication accountConsole = RealmApplication.accountConsole(realm);

        for (String action : List.of("sfo-push-enrol", "sfo-passkey-enrol", "sfo-face-register", "CONFIGURE_TOTP", "webauthn-register",
                "webauthn-register-passwordless")) {
            Browser.Page page = accountConsole.open(newBrowser(), Map.of("kc_action", action));

            assertThat(isEnrolmentPage(page)).as("%s without a session:\n%s", action, page.text()).isFalse();
            assertThat(page.document().select("input[type=password]")).isEmpty();
            assertThat(accountConsole.codeOn(page)).isEmpty();
        }
    }

    @Test
    void keycloaksOwnEnrolmentActionsStayOffEvenWithAnSsoSession() {
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        RealmApplication accountConsole = RealmApplication.accountConsole(realm);

        for (String action : List.of("CONFIGURE_TOTP", "webauthn-register", "webauthn-register-passwordless")) {
            Browser.Page page = accountConsole.open(browser, Map.of("kc_action", action));

            assertThat(isEnrolmentPage(page)).as("%s with an SSO session:\n%s", action, page.text()).isFalse();
            assertThat(accountConsole.actionStatusOn(page)).isNotEqualTo(java.util.Optional.of("success"));
        }
        assertThat(realm.otpCredentialLabels(user)).hasSize(1);
    }

    @Test
    void aSignedInBrowserLeftOnASharedWorkstationCannotSetTheUsersPassword() {
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));

        Browser.Page page = RealmApplication.accountConsole(realm).open(browser, Map.of("kc_action", "UPDATE_PASSWORD"));

        assertThat(page.document().select("input[name=password-new]")).as(page.text()).isEmpty();
        assertThat(RealmApplication.accountConsole(realm).actionStatusOn(page)).isNotEqualTo(java.util.Optional.of("success"));
        assertThat(realm.credentialTypes(user)).doesNotContain("password");
    }

    @Test
    void addingAPushDeviceFromTheAccountConsoleNeedsAFreshFactorNotTheSsoSession() {
        // Push approval on: its enrolment is enabled only while the factor is.
        TenantRealm withPush = TenantRealm.create("side-doors-push-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-push")));
        EntraUser user = withPush.newUser();
        Browser browser = newBrowser();
        signIn(browser, withPush, user, withPush.requestWith(withPush.hintFor(user).sign()));
        RealmApplication accountConsole = RealmApplication.accountConsole(withPush);

        Browser.Page factor = accountConsole.open(browser, Map.of("kc_action", "sfo-push-enrol"));
        assertThat(asksForOtp(factor)).as("a fresh factor first, got:\n%s", factor.text()).isTrue();
        Browser.Page wrong = submitCode(browser, factor, user.wrongCode());
        assertThat(isEnrolmentPage(wrong)).as("a wrong code enrols nothing:\n%s", wrong.text()).isFalse();
        assertThat(asksForOtp(wrong)).isTrue();

        Browser.Page enrolment = submitCode(browser, wrong, user.nextCode());

        assertThat(isEnrolmentPage(enrolment)).as("after the factor, the enrolment page:\n%s\nthe realm's events: %s", enrolment.text(),
                ADMIN.events(withPush.name()).stream().map(e -> e.path("type").asText() + " " + e.path("error").asText("")
                        + " " + e.path("details").path("reason").asText("") + " @" + e.path("time").asText()).toList()).isTrue();
    }

    @Test
    void removingAFactorFromTheAccountConsoleNeedsAFreshFactor() {
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        String credentialId = ADMIN.get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials").path(0).path("id").asText();
        RealmApplication.letThisSecondPass();

        Browser.Page page = RealmApplication.accountConsole(realm).open(browser, Map.of("kc_action", "delete_credential:" + credentialId));

        assertThat(asksForOtp(page)).as("a fresh factor before removing one, got:\n%s", page.text()).isTrue();
        assertThat(realm.otpCredentialLabels(user)).hasSize(1);
    }

    /**
     * Keycloak compares whole seconds, so an action started in the very second of a sign-in (by a script, after a face
     * rendered from a photo) would ride on the SSO cookie; so would any action an admin gave a longer maximum age. An
     * application action never completes on the cookie: here the admin allowed five minutes, and a factor is still asked.
     */
    @Test
    void removingAFactorRightAfterTheSignInOrWithALongMaximumAgeStillNeedsAFreshFactor() {
        TenantRealm own = TenantRealm.create("side-doors-age-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        assertThat(ADMIN.put("/" + own.name() + "/authentication/required-actions/delete_credential/config",
                Map.of("config", Map.of("max_auth_age", "300"))).status()).isEqualTo(204);
        EntraUser user = own.newUser();
        Browser browser = newBrowser();
        signIn(browser, own, user, own.requestWith(own.hintFor(user).sign()));
        String credentialId = ADMIN.get("/" + own.name() + "/users/" + own.userId(user) + "/credentials").path(0).path("id").asText();

        Browser.Page page = RealmApplication.accountConsole(own).open(browser, Map.of("kc_action", "delete_credential:" + credentialId));

        assertThat(asksForOtp(page)).as("a fresh factor before removing one, got:\n%s", page.text()).isTrue();
        assertThat(own.otpCredentialLabels(user)).hasSize(1);
    }

    /**
     * Keycloak's deprecated Account REST route {@code DELETE /account/credentials/{id}} asks only for a token with
     * {@code manage-account}, which the SSO session a shared workstation keeps open mints without a factor (and
     * refreshes): for the Account Console, and for the admin console, whose tokens carry all the user's roles.
     */
    @Test
    void noTokenFromTheSsoSessionCanRemoveAFactorThroughTheAccountApi() throws Exception {
        EntraUser user = realm.withDefaultRoles(realm.newUser());
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        String credentialId = ADMIN.get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials").path(0).path("id").asText();

        for (RealmApplication application : List.of(RealmApplication.accountConsole(realm), RealmApplication.adminConsole(realm))) {
            String token = ssoToken(application, browser);
            HttpResponse<String> answer = realm.keycloak().httpClientBuilder().build().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(realm.keycloak().realmUrl(realm.name()) + "/account/credentials/" + credentialId))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as("%s: %s to a token of %s", application, answer.body(),
                    new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]))).isEqualTo(403);
            assertThat(realm.otpCredentialLabels(user)).as("the factor is still there").hasSize(1);
        }
    }

    @Test
    void manageAccountGivenBackToTheAccountConsoleIsReportedAndTakenAwayAtTheNextProvisioningCall() {
        TenantRealm own = TenantRealm.create("side-doors-console-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        JsonNode console = ADMIN.get("/" + own.name() + "/clients?clientId=account-console").path(0);
        ((ObjectNode) console).put("fullScopeAllowed", true);
        assertThat(ADMIN.put("/" + own.name() + "/clients/" + console.path("id").asText(), console).status()).isEqualTo(204);

        List<String> failed = new java.util.ArrayList<>();
        ADMIN.get("/" + own.name() + "/entra-sfo/self-test").path("findings").forEach(f -> {
            if ("door-account-api".equals(f.path("rule").asText()) && "FAILED".equals(f.path("status").asText())) {
                failed.add(f.path("detail").asText());
            }
        });
        assertThat(failed).hasSize(1);

        assertThat(ADMIN.applyTenantRealm(profileAgain(own, null)).status()).isEqualTo(200);

        JsonNode after = ADMIN.get("/" + own.name() + "/clients/" + console.path("id").asText());
        assertThat(after.path("fullScopeAllowed").asBoolean()).isFalse();
        assertThat(ADMIN.get("/" + own.name() + "/roles/default-roles-" + own.name() + "/composites").toString())
                .contains("view-profile").doesNotContain("\"manage-account\"");
        assertThat(ADMIN.get("/" + own.name() + "/clients/" + console.path("id").asText() + "/scope-mappings").toString())
                .contains("view-profile").doesNotContain("\"manage-account\"");
    }

    /** What an application of the realm holds after single sign-on from the Entra transaction's session: no factor asked. */
    private static String ssoToken(RealmApplication application, Browser browser) {
        Browser.Page landed = application.open(browser);
        String code = application.codeOn(landed).orElseThrow(() -> new AssertionError("no code, got " + landed.uri() + ":\n" + landed.text()));
        JsonNode tokens = application.redeem(code);
        assertThat(tokens.path("access_token").asText()).as("tokens: %s", tokens).isNotEmpty();
        return tokens.path("access_token").asText();
    }

    @Test
    void usersCannotRebindThemselvesOrMoveTheirCodesThroughTheAccountApi() throws Exception {
        EntraUser user = realm.withDefaultRoles(realm.newUser());
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        RealmApplication accountConsole = RealmApplication.accountConsole(realm);
        String token = ssoToken(accountConsole, browser);
        String userId = realm.userId(user);
        JsonNode before = ADMIN.get("/" + realm.name() + "/users/" + userId);

        java.net.http.HttpClient http = realm.keycloak().httpClientBuilder().build();
        String change = "{\"username\":\"" + user.username() + "\",\"email\":\"attacker@evil.example\",\"firstName\":\"x\",\"lastName\":\"y\","
                + "\"attributes\":{\"entra_oid\":[\"" + UUID.randomUUID() + "\"],\"phoneNumber\":[\"+4915199999999\"]}}";
        HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(realm.keycloak().realmUrl(realm.name()) + "/account/"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(change)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as("the door was tried with a token it accepts: %s", answer.body()).isNotEqualTo(401);
        JsonNode after = ADMIN.get("/" + realm.name() + "/users/" + userId);
        assertThat(after.path("attributes").path("entra_oid")).as("answer %s: %s", answer.statusCode(), answer.body())
                .isEqualTo(before.path("attributes").path("entra_oid"));
        assertThat(after.path("attributes").path("phoneNumber")).isEqualTo(before.path("attributes").path("phoneNumber"));
        assertThat(after.path("email").asText()).isEqualTo(before.path("email").asText());
    }

    /**
     * A factor that is off has no enrolment: the passkey factor is off in a realm provisioned as the README says, so a
     * user with an SSO session who passes a fresh factor still gets no key registration page, and no key.
     */
    @Test
    void aFactorThatIsOffHasNoEnrolmentEvenAfterAFreshFactor() {
        assertThat(enrolmentActions(realm, "sfo-passkey-enrol")).doesNotContain(true);
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        RealmApplication.letThisSecondPass();

        Browser.Page page = RealmApplication.accountConsole(realm).open(browser, Map.of("kc_action", "sfo-passkey-enrol"));
        if (asksForOtp(page)) {
            page = submitCode(browser, page, user.nextCode());
        }

        assertThat(isEnrolmentPage(page)).as("no key registration with the factor off:\n%s", page.text()).isFalse();
        assertThat(ADMIN.get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials").findValuesAsText("type"))
                .doesNotContain("webauthn", "webauthn-passwordless");
    }

    /** The passkey factor switched off in the flow: the next provisioning call switches its enrolment off too. */
    @Test
    void thePasskeyEnrolmentGoesOffWithItsFactorAtTheNextProvisioningCall() {
        TenantRealm own = TenantRealm.create("side-doors-passkey-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-passkey")));
        assertThat(enrolmentActions(own, "sfo-passkey-enrol")).containsExactly(true);
        String executions = "/" + own.name() + "/authentication/flows/entra-second-factor-only/executions";
        ObjectNode passkey = (ObjectNode) java.util.stream.StreamSupport.stream(ADMIN.get(executions).spliterator(), false)
                .filter(e -> "sfo-passkey".equals(e.path("providerId").asText())).findFirst().orElseThrow();
        passkey.put("requirement", "DISABLED");
        assertThat(ADMIN.put(executions, passkey).status()).isIn(202, 204);

        assertThat(ADMIN.applyTenantRealm(profileAgain(own, List.of("sfo-otp"))).status()).isEqualTo(200);

        assertThat(enrolmentActions(own, "sfo-passkey-enrol")).containsExactly(false);
    }

    /**
     * Keycloak's own enrolment renamed to an innocent alias (an admin's edit or an import) is the same door: the
     * self-test reports it, and the next provisioning call switches it off.
     */
    @Test
    void keycloaksEnrolmentUnderAnInnocentAliasIsReportedAndSwitchedOff() {
        TenantRealm own = TenantRealm.create("side-doors-alias-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        Map<String, String> renamed = Map.of("webauthn-register", "register-badge", "webauthn-register-passwordless", "badge-sign-in",
                "CONFIGURE_TOTP", "sfo-otp-enrol");
        renamed.forEach((keycloaks, innocent) -> {
            ObjectNode action = (ObjectNode) ADMIN.get("/" + own.name() + "/authentication/required-actions/" + keycloaks);
            action.put("alias", innocent).put("enabled", true);
            assertThat(ADMIN.put("/" + own.name() + "/authentication/required-actions/" + keycloaks, action).status()).isEqualTo(204);
        });

        List<String> failed = new java.util.ArrayList<>();
        ADMIN.get("/" + own.name() + "/entra-sfo/self-test").path("findings").forEach(f -> {
            if ("door-required-action".equals(f.path("rule").asText()) && "FAILED".equals(f.path("status").asText())) {
                failed.add(f.path("detail").asText());
            }
        });
        assertThat(String.join("\n", failed)).contains("register-badge", "badge-sign-in", "sfo-otp-enrol");

        assertThat(ADMIN.applyTenantRealm(profileAgain(own, null)).status()).isEqualTo(200);

        renamed.forEach((keycloaks, innocent) -> assertThat(enrolmentActions(own, keycloaks)).as(innocent).containsExactly(false));
    }

    /** Whether each required action of the provider is enabled in the realm, whatever its alias. */
    private static List<Boolean> enrolmentActions(TenantRealm realm, String providerId) {
        List<Boolean> enabled = new java.util.ArrayList<>();
        ADMIN.get("/" + realm.name() + "/authentication/required-actions").forEach(a -> {
            if (providerId.equals(a.path("providerId").asText())) {
                enabled.add(a.path("enabled").asBoolean());
            }
        });
        return enabled;
    }

    /** The realm's profile as an admin saves it again (the flow exists and stays the admin's). */
    private static Map<String, Object> profileAgain(TenantRealm realm, List<String> factors) {
        Map<String, Object> profile = new java.util.HashMap<>(Map.of("realm", realm.name(), "tenantId", realm.tenantId(),
                "appId", realm.appId(), "cloud", "GLOBAL", "authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl()));
        if (factors != null) {
            profile.put("factors", factors);
        }
        return profile;
    }

    /** An enrolment page of any kind: ours (push, OTP, face) or Keycloak's (TOTP, WebAuthn). */
    private static boolean isEnrolmentPage(Browser.Page page) {
        return !page.document().select("#sfo-push-enrol-link, #sfo-face-form, #kc-totp-secret-qr-code, #kc-totp-settings, input[name=totp], "
                + "#registerWebAuthn, #register, img[src^=data:image]").isEmpty();
    }

    static String password(EntraUser user) {
        return "Pa55-" + user.username();
    }

    /** The user as LDAP/AD federation or an admin leaves them: with a password, optionally with a realm role. */
    static EntraUser withPassword(TenantRealm realm, EntraUser user, String realmRole) {
        String id = realm.userId(user);
        assertThat(ADMIN.put("/" + realm.name() + "/users/" + id + "/reset-password",
                Map.of("type", "password", "value", password(user), "temporary", false)).status()).isEqualTo(204);
        if (realmRole != null) {
            JsonNode role = ADMIN.get("/" + realm.name() + "/roles/" + realmRole);
            assertThat(ADMIN.post("/" + realm.name() + "/users/" + id + "/role-mappings/realm", List.of(role)).status()).isEqualTo(204);
        }
        return user;
    }
}
