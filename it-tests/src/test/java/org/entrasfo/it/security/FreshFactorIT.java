package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.AttackLedger.assertNoTokenFrom;
import static org.entrasfo.it.support.EntraRoundTrip.OTP_FORM;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.LoginActionUrl;
import org.entrasfo.it.support.OurPages;
import org.entrasfo.it.support.OurPages.Opened;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Tokens without a fresh factor, tried through the browser's own machinery: a second tab of the same auth session,
 * the back button after a failure, a completed form posted again, and forged or stale flow parameters. Each attack
 * fails the test if Entra would get an id_token from it. (The SSO cookie of an earlier transaction and prompt=none:
 * {@code SsoSessionIT}; spent hints, nonces and request ids: {@code ReplayIT}.)
 */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class FreshFactorIT {

    private static final String CODE_FORM = OurPages.CODE_FORM;

    private final TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);

    @Test
    void aSecondTabGetsNoTokenFromTheFactorAnotherUserPassedInTheFirst() {
        EntraUser victim = realm.newUser();
        EntraUser attacker = realm.newUser();
        Browser browser = newBrowser();
        Browser.Page victimsTab = send(browser, realm, realm.requestWith(realm.hintFor(victim).sign()));
        Browser.Page attackersTab = send(browser, realm, realm.requestWith(realm.hintFor(attacker).sign()));
        assertThat(asksForOtp(victimsTab) && asksForOtp(attackersTab)).as("two tabs, each on its OTP page").isTrue();

        assertThat(answerOf(submitCode(browser, attackersTab, attacker.nextCode())).fields()).containsKey("id_token");
        Browser.Page reloaded = browser.get(LoginActionUrl.of(victimsTab, OTP_FORM));
        Browser.Page withAttackersCode = submitCode(browser, victimsTab, attacker.nextCode());
        Browser.Page withoutCode = browser.submit(victimsTab, OTP_FORM, Map.of("otp", ""));

        assertNoTokenFrom("second tab after another user's factor", reloaded, withAttackersCode, withoutCode);
        assertReadable(reloaded, withAttackersCode, withoutCode);
    }

    @Test
    void aSecondTabOfTheSameUserStillAsksForItsOwnFactor() {
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        Browser.Page firstTab = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        Browser.Page secondTab = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));

        assertThat(answerOf(submitCode(browser, firstTab, user.nextCode())).fields()).containsKey("id_token");
        Browser.Page reloaded = browser.get(LoginActionUrl.of(secondTab, OTP_FORM));
        Browser.Page wrongCode = submitCode(browser, secondTab, user.wrongCode());

        assertNoTokenFrom("second tab of the same user after the first completed", reloaded, wrongCode);
        assertReadable(reloaded, wrongCode);
    }

    @Test
    void theBackButtonToAPageFromBeforeALockoutGetsNoToken() {
        TenantRealm strict = lockingAfter(3);
        EntraUser user = strict.newUser();
        Browser browser = newBrowser();
        Browser.Page beforeTheFailures = send(browser, strict, strict.requestWith(strict.hintFor(user).sign()));
        Browser.Page page = beforeTheFailures;
        for (int i = 0; i < 3; i++) {
            page = submitCode(browser, page, user.wrongCode());
        }

        Browser.Page back = submitCode(browser, beforeTheFailures, user.nextCode());
        Browser.Page current = submitCode(browser, page, user.nextCode());

        assertNoTokenFrom("back button to a page from before the lockout", back, current);
        assertReadable(back, current);
    }

    @Test
    void theBackButtonAfterARefusalPostedToEntraFinishesNothing() {
        Opened codePage = OurPages.codePage();
        String code = OurPages.lastCodeSentTo(OurPages.mobileOf(codePage));
        Browser browser = codePage.browser();

        Browser.Page cancelled = browser.submit(codePage.page(), CODE_FORM, Map.of("cancel", "true"));
        assertThat(answerOf(cancelled).field("error")).isEqualTo("access_denied");
        Browser.Page back = browser.submit(codePage.page(), CODE_FORM, Map.of("code", code, "verify", "true"));
        Browser.Page fromAnotherBrowser = newBrowser().submit(codePage.page(), CODE_FORM, Map.of("code", code, "verify", "true"));

        assertNoTokenFrom("back button after a refusal posted to Entra", back, fromAnotherBrowser);
        assertReadable(back, fromAnotherBrowser);
    }

    @Test
    void aCompletedFormPostedAgainGetsNoSecondToken() {
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        Browser.Page otpPage = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        assertThat(answerOf(submitCode(browser, otpPage, user.nextCode())).fields()).containsKey("id_token");

        Browser.Page sameBrowser = submitCode(browser, otpPage, user.nextCode());
        Browser.Page otherBrowser = submitCode(newBrowser(), otpPage, user.nextCode());

        assertNoTokenFrom("completed form posted again", sameBrowser, otherBrowser);
        assertReadable(sameBrowser, otherBrowser);
    }

    /**
     * Keycloak's flow parameters (session code, execution, tab id) name the step and the auth session a post belongs
     * to. Forged, stale, missing or from another auth session, they must make no progress: no token, the factor still
     * asked, a readable page. The victim's next code then still completes their own transaction.
     */
    @Test
    void forgedStaleOrMissingFlowParametersMakeNoProgress() {
        EntraUser victim = realm.newUser();
        Browser browser = newBrowser();
        Browser.Page otpPage = send(browser, realm, realm.requestWith(realm.hintFor(victim).sign()));
        URI action = LoginActionUrl.of(otpPage, OTP_FORM);
        Browser.Page other = send(newBrowser(), realm, realm.requestWith(realm.hintFor(realm.newUser()).sign()));
        URI othersAction = LoginActionUrl.of(other, OTP_FORM);
        Browser.Page retry = submitCode(browser, otpPage, victim.wrongCode());
        URI staleAction = action;
        action = LoginActionUrl.of(retry, OTP_FORM);

        Map<String, URI> forged = new LinkedHashMap<>();
        for (String parameter : List.of("session_code", "execution", "tab_id", "client_id")) {
            forged.put(parameter + " missing", LoginActionUrl.with(action, parameter, null));
            forged.put(parameter + " forged", LoginActionUrl.with(action, parameter, "forged-" + UUID.randomUUID()));
            forged.put(parameter + " of another auth session",
                    LoginActionUrl.with(action, parameter, LoginActionUrl.parameter(othersAction, parameter).orElse("")));
        }
        forged.put("stale session_code", LoginActionUrl.with(action, "session_code", LoginActionUrl.parameter(staleAction, "session_code").orElse("")));
        forged.put("execution of the hint step", LoginActionUrl.with(action, "execution", executionId(realm, "entra-hint-broker")));
        forged.put("execution of the policy step", LoginActionUrl.with(action, "execution", executionId(realm, "sfo-policy")));

        for (Map.Entry<String, URI> attempt : forged.entrySet()) {
            Browser.Page answer = browser.post(attempt.getValue(), Map.of("otp", victim.wrongCode()));
            assertNoTokenFrom("flow parameter: " + attempt.getKey(), answer);
            assertReadable(answer);
            Browser.Page fresh = newBrowser().post(attempt.getValue(), Map.of("otp", victim.wrongCode()));
            assertNoTokenFrom("flow parameter from a fresh browser: " + attempt.getKey(), fresh);
            assertReadable(fresh);
        }
        Browser.Page reloaded = browser.get(LoginActionUrl.with(action, "session_code", null));
        assertThat(answerOf(submitCode(browser, reloaded, victim.nextCode())).fields())
                .as("the victim's own transaction still completes with their factor").containsKey("id_token");
    }

    static void assertReadable(Browser.Page... pages) {
        for (Browser.Page page : pages) {
            assertThat(page.status()).as("status of %s:\n%s", page.uri(), page.text()).isLessThan(500);
            assertThat(page.body()).as("no stack trace on %s", page.uri()).doesNotContain("\tat ").doesNotContain("Exception");
            if (page.formPost().isEmpty()) {
                assertThat(page.text()).as("a page a person can read at %s", page.uri()).isNotBlank();
            }
        }
    }

    static String executionId(TenantRealm realm, String providerId) {
        for (var execution : KeycloakUnderTest.keycloak().admin().get("/" + realm.name() + "/authentication/flows/entra-second-factor-only/executions")) {
            if (providerId.equals(execution.path("providerId").asText())) {
                return execution.path("id").asText();
            }
        }
        throw new AssertionError("no step " + providerId + " in the flow");
    }

    static TenantRealm lockingAfter(int failures) {
        TenantRealm strict = TenantRealm.create("fresh-lock-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        assertThat(KeycloakUnderTest.keycloak().admin().put("/" + strict.name(), Map.of("bruteForceProtected", true, "failureFactor", failures,
                "waitIncrementSeconds", 600, "maxFailureWaitSeconds", 900, "quickLoginCheckMilliSeconds", 1)).status()).isEqualTo(204);
        return strict;
    }
}
