package org.entrasfo.it.factors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.KeycloakVerdicts.awaitLockOut;
import static org.entrasfo.it.support.KeycloakVerdicts.loginErrors;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.Concurrently;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Attacks on the SMS code factor by someone holding the user's hint: flooding the phone (and the Twilio bill) from
 * many auth sessions or by reloading, and spreading guesses over several auth sessions. Every test fails if the
 * attack works. The per-code limit under parallel requests is the shared mechanism's, shown in EmailCodeAbuseIT.
 */
@ResourceLock(TwilioStandIn.LOCK)
class SmsCodeAbuseIT {

    private static final String CODE_FORM = "#sfo-code-form";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final int PARALLEL = 8;

    private final TwilioStandIn twilio = KeycloakUnderTest.twilio();

    @AfterEach
    void twilioBackToNormal() {
        twilio.reset();
    }

    private static TenantRealm smsRealm(String prefix, Map<String, String> codeSettings, Map<String, Object> realmSettings) {
        TenantRealm realm = SmsCodeIT.smsRealm(prefix, codeSettings);
        KeycloakUnderTest.keycloak().admin().put("/" + realm.name(), realmSettings);
        return realm;
    }

    private String code(TwilioStandIn.SentMessage sms) {
        Matcher matcher = CODE.matcher(sms.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private static Browser.Page submitCode(Browser browser, Browser.Page page, String code) {
        return browser.submit(page, CODE_FORM, Map.of("code", code, "verify", "true"));
    }

    @Test
    void sendsOneTextWhenOneHintIsOpenedInManyBrowsersAtOnce() {
        // Brute-force detection off: Keycloak's own guard against parallel logins of one user holds on one node only.
        TenantRealm realm = smsRealm("sms-flood", Map.of("resendCooldownSeconds", "30"), Map.of("bruteForceProtected", false));
        String mobile = TenantRealm.newMobile();
        EntraUser user = realm.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(mobile)));
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());

        List<Browser.Page> pages = Concurrently.run(PARALLEL, i -> send(newBrowser(), realm, request));

        assertThat(twilio.messagesTo(mobile)).as("one text within the cooldown, whatever the number of auth sessions").hasSize(1);
        assertThat(pages).filteredOn(page -> page.text().contains("Please wait")).hasSize(PARALLEL - 1);
        assertThat(loginErrors(realm, request)).filteredOn(e -> "sfo_sms_rate_limited".equals(e.path("error").asText()))
                .hasSize(PARALLEL - 1)
                .allSatisfy(e -> assertThat(e.path("details").path("reason").asText()).contains("cooldown"));
    }

    @Test
    void aReloadAfterTheCodeWasVoidedSendsNoText() {
        TenantRealm realm = smsRealm("sms-void", Map.of(), Map.of("bruteForceProtected", false));
        String mobile = TenantRealm.newMobile();
        EntraUser user = realm.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(mobile)));
        Browser browser = newBrowser();
        Browser.Page page = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        String right = code(twilio.messagesTo(mobile).get(0));
        for (int i = 0; i < 3; i++) {
            page = submitCode(browser, page, otherThan(right));
        }
        assertThat(page.text()).contains("Too many wrong codes");

        URI address = URI.create(page.form(CODE_FORM).orElseThrow().absUrl("action"));
        browser.get(address);
        Browser.Page reloadedAgain = browser.get(address);

        assertThat(twilio.messagesTo(mobile)).as("a new code needs the user's click, even with no cooldown").hasSize(1);
        assertThat(reloadedAgain.text()).contains("There is no valid code for this sign-in");
        assertThat(submitCode(browser, reloadedAgain, right).formPost()).as("the voided code yields nothing").isEmpty();
    }

    @Test
    void wrongCodesSpreadOverSeveralAuthSessionsLockTheUserForAll() {
        TenantRealm realm = smsRealm("sms-brute", Map.of("maxPerUserPerHour", "10"), Map.of("bruteForceProtected", true,
                "failureFactor", 3, "waitIncrementSeconds", 600, "maxFailureWaitSeconds", 900, "quickLoginCheckMilliSeconds", 1));
        String mobile = TenantRealm.newMobile();
        EntraUser user = realm.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(mobile)));
        Browser waiting = newBrowser();
        AuthorizationRequest waitingRequest = realm.requestWith(realm.hintFor(user).sign());
        Browser.Page waitingPage = send(waiting, realm, waitingRequest);
        String waitingCode = code(twilio.messagesTo(mobile).get(0));

        for (int i = 0; i < 3; i++) {
            Browser attacker = newBrowser();
            Browser.Page page = send(attacker, realm, realm.requestWith(realm.hintFor(user).sign()));
            submitCode(attacker, page, otherThan(code(twilio.messagesTo(mobile).get(i + 1))));
        }
        awaitLockOut(realm, user);

        Browser.Page refused = submitCode(waiting, waitingPage, waitingCode);

        assertThat(refused.formPost()).as("no token while the user is locked out").isEmpty();
        assertThat(eventOf(realm, waitingRequest, "LOGIN_ERROR").orElseThrow().path("error").asText())
                .isEqualTo("user_temporarily_disabled");
        send(newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));
        assertThat(twilio.messagesTo(mobile)).as("a locked-out user is sent no more texts").hasSize(4);
    }
}
