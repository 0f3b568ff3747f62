package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.security.FreshFactorIT.assertReadable;
import static org.entrasfo.it.security.FreshFactorIT.executionId;
import static org.entrasfo.it.support.AttackLedger.assertNoTokenFrom;
import static org.entrasfo.it.support.EntraRoundTrip.OTP_FORM;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.LoginActionUrl;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.Test;

/**
 * The attacker holds the victim's first factor (so Entra sends a valid hint for the victim) and a factor of their own
 * in the same tenant: their own token, their own help desk code, a factor the policy withholds from the victim. None
 * of it may pass for the victim. (A push device of another user: {@code PushApprovalIT}.)
 */
class AnotherUsersFactorIT {

    private static final KeycloakAdmin ADMIN = KeycloakUnderTest.keycloak().admin();
    private static final String CODE_FORM = "#sfo-code-form";

    @Test
    void theAttackersOwnTokenAndSsoSessionDoNotPassTheVictimsFactor() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        EntraUser attacker = realm.newUser();
        EntraUser victim = realm.newUser();
        Browser browser = newBrowser();
        signIn(browser, realm, attacker, realm.requestWith(realm.hintFor(attacker).sign()));

        Browser.Page victimsPage = send(browser, realm, realm.requestWith(realm.hintFor(victim).sign()));
        assertThat(asksForOtp(victimsPage)).as("the victim's factor is asked despite the attacker's session:\n%s", victimsPage.text()).isTrue();
        Browser.Page ownCode = submitCode(browser, victimsPage, attacker.nextCode());
        Browser.Page ownCredential = browser.submit(ownCode, OTP_FORM,
                Map.of("otp", attacker.nextCode(), "selectedCredentialId", otpCredentialId(realm, attacker)));

        assertNoTokenFrom("the attacker's own OTP code and credential for the victim", ownCode, ownCredential);
        assertThat(asksForOtp(ownCredential)).as("still the victim's factor:\n%s", ownCredential.text()).isTrue();
        assertReadable(ownCode, ownCredential);
    }

    @Test
    void aHelpdeskCodeOfAnotherUserOpensNoOneElsesTransaction() {
        TenantRealm realm = TenantRealm.create("other-helpdesk-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-helpdesk-code")));
        EntraUser attacker = realm.newUserWithout2ndFactor(Map.of());
        EntraUser victim = realm.newUserWithout2ndFactor(Map.of());
        String attackersCode = issueHelpdeskCode(realm, attacker);
        issueHelpdeskCode(realm, victim);
        Browser browser = newBrowser();

        Browser.Page page = send(browser, realm, realm.requestWith(realm.hintFor(victim).sign()));
        assertThat(page.form(CODE_FORM)).as("the victim's help desk code is asked:\n%s", page.text()).isPresent();
        Browser.Page answer = browser.submit(page, CODE_FORM, Map.of("code", attackersCode, "verify", "true"));

        assertNoTokenFrom("a help desk code of another user", answer);
        assertReadable(answer);
        Browser attackersBrowser = newBrowser();
        Browser.Page own = send(attackersBrowser, realm, realm.requestWith(realm.hintFor(attacker).sign()));
        assertThat(answerOf(attackersBrowser.submit(own, CODE_FORM, Map.of("code", attackersCode, "verify", "true"))).fields())
                .as("the code still serves its own user").containsKey("id_token");
    }

    /**
     * The policy gives this user the token only; a help desk code they (or someone posing as them) talked out of the
     * help desk must not be reachable by forging Keycloak's "try another way" selection.
     */
    @Test
    void aFactorThePolicyWithholdsCannotBeReachedByAForgedSelection() {
        TenantRealm realm = TenantRealm.create("other-policy-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-helpdesk-code"))).configure("sfo-policy", Map.of("allowedFactors", "sfo-otp"));
        EntraUser victim = realm.newUser();
        String code = issueHelpdeskCode(realm, victim);
        Browser browser = newBrowser();
        Browser.Page otpPage = send(browser, realm, realm.requestWith(realm.hintFor(victim).sign()));
        assertThat(asksForOtp(otpPage)).as(otpPage.text()).isTrue();

        Browser.Page forged = browser.post(LoginActionUrl.of(otpPage, OTP_FORM),
                Map.of("authenticationExecution", executionId(realm, "sfo-helpdesk-code")));
        Browser.Page withCode = forged.form(CODE_FORM).isPresent()
                ? browser.submit(forged, CODE_FORM, Map.of("code", code, "verify", "true"))
                : browser.post(LoginActionUrl.of(otpPage, OTP_FORM), Map.of("authenticationExecution", executionId(realm, "sfo-helpdesk-code"),
                "code", code, "verify", "true"));

        assertNoTokenFrom("a forged selection of a factor the policy withholds", forged, withCode);
        assertThat(forged.form(CODE_FORM)).as("no help desk code form:\n%s", forged.text()).isEmpty();
        assertReadable(forged, withCode);
    }

    static String issueHelpdeskCode(TenantRealm realm, EntraUser user) {
        KeycloakAdmin.Answer issued = ADMIN.post("/" + realm.name() + "/entra-sfo-helpdesk/codes", Map.of("username", user.username()));
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(201);
        String code = issued.body().path("code").asText();
        RunSecrets.code(RunSecrets.Kind.CODE, code);
        return code;
    }

    private static String otpCredentialId(TenantRealm realm, EntraUser user) {
        for (JsonNode credential : ADMIN.get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials")) {
            if ("otp".equals(credential.path("type").asText())) {
                return credential.path("id").asText();
            }
        }
        throw new AssertionError("no OTP credential of " + user.username());
    }
}
