package org.entrasfo.it.factors.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.entrasim.OneTimePasswords;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.OurPages;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.it.support.WcagCheck;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The factor a user passed last comes first next time: among a user's tokens by Keycloak's credential priority (which
 * the admin sees on the user's Credentials tab), among factors by the factor remembered per user, text message and
 * email included. A wrong code changes nothing, and the order is all that changes: a remembered factor the policy no
 * longer offers is neither started nor listed.
 */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class PreferredFactorIT {

    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String TRY_ANOTHER_WAY = "#kc-select-try-another-way-form";
    private static TenantRealm realm;
    private static TenantRealm tokenAndText;
    private static KeycloakAdmin admin;

    @BeforeAll
    static void realm() {
        realm = TenantRealm.create("preferred-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        admin = KeycloakUnderTest.keycloak().admin();
        RunSecrets.otpSeed(new String(RFC_SEED, StandardCharsets.US_ASCII));
        tokenAndText = TenantRealm.create("preferred-sms-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-sms-code")))
                .configure("sfo-sms-code", Map.of("twilioAccountSid", KeycloakUnderTest.TWILIO_ACCOUNT_SID,
                        "twilioAuthToken", KeycloakUnderTest.TWILIO_AUTH_TOKEN, "twilioFrom", "+15005550006",
                        "resendCooldownSeconds", "0"));
    }

    /** A user with an authenticator app and a mobile number: Keycloak starts the app, the flow's first factor. */
    private static EntraUser userWithTokenAndPhone(String mobile) {
        EntraUser user = tokenAndText.newUser(false);
        admin.setUserAttributes(tokenAndText.name(), user.username(), Map.of("phoneNumber", List.of(mobile)));
        return user;
    }

    /** A user with an authenticator app (first) and a key fob (second), as Keycloak orders their credentials. */
    private static EntraUser userWithAppAndFob() {
        EntraUser user = realm.newUser(false);
        String csv = "serial;username;type;secret;digits;period\nFOB-" + UUID.randomUUID().toString().substring(0, 6) + ";"
                + user.username() + ";totp;base32:GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ;6;30\n";
        assertThat(admin.postFile("/" + realm.name() + "/entra-sfo-hardware-tokens", "text/csv", csv).status()).isEqualTo(200);
        return user;
    }

    private static List<String> credentialOrder(EntraUser user) {
        List<String> ids = new ArrayList<>();
        admin.get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private static String fobCode() {
        return OneTimePasswords.hotp(RFC_SEED, Instant.now().getEpochSecond() / 30, 6, "HmacSHA1");
    }

    @Test
    void theTokenPassedLastIsFirstNextTime() {
        EntraUser user = userWithAppAndFob();
        List<String> before = credentialOrder(user);
        assertThat(before).hasSize(2);
        String fob = before.get(1);
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();
        Browser.Page otp = send(browser, realm, request);

        Browser.Page passed = browser.submit(otp, OurPages.OTP_FORM, Map.of("selectedCredentialId", fob, "otp", fobCode()));

        assertThat(answerOf(passed).fields()).containsKey("id_token");
        assertThat(credentialOrder(user)).containsExactly(fob, before.get(0));
        Browser.Page next = send(newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));
        assertThat(next.document().select("input[name=selectedCredentialId][checked]").attr("value"))
                .as("the token passed last is chosen on the next page").isEqualTo(fob);
    }

    @Test
    void aWrongCodeChangesNoOrder() {
        EntraUser user = userWithAppAndFob();
        List<String> before = credentialOrder(user);
        Browser browser = newBrowser();
        Browser.Page otp = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));

        browser.submit(otp, OurPages.OTP_FORM, Map.of("selectedCredentialId", before.get(1), "otp",
                OneTimePasswords.hotp(RFC_SEED, Instant.now().getEpochSecond() / 30 + 1000, 6, "HmacSHA1")));

        assertThat(credentialOrder(user)).isEqualTo(before);
    }

    /**
     * In Chromium: a user passes a text message code once (chosen under "Try another way"); the next sign-in starts
     * with the text message, not the flow's first factor, and the choice page lists it first.
     */
    @Test
    void theTextMessagePassedLastIsTheFactorOfferedFirstNextTime() {
        String mobile = TenantRealm.newMobile();
        EntraUser user = userWithTokenAndPhone(mobile);
        java.net.URI endpoint = tokenAndText.keycloak().authorizationEndpoint(tokenAndText.name());
        try (AdminConsole chromium = new AdminConsole(KeycloakUnderTest.keycloak())) {
            chromium.keepFormPostsToMicrosoft();
            chromium.postLikeEntra(endpoint, tokenAndText.requestWith(tokenAndText.hintFor(user).sign()).formParameters(), By.id("otp"));
            chromium.driver().findElement(By.id("try-another-way")).click();
            chromium.await(By.id("sfo-factor-sfo-sms-code-choose")).click();
            chromium.await(By.id("code")).sendKeys(OurPages.lastCodeSentTo(mobile));
            chromium.driver().findElement(By.id("sfo-code-submit")).click();
            assertThat(chromium.capturedEntraPost().fields()).containsKey("id_token");

            chromium.driver().manage().deleteAllCookies();
            chromium.postLikeEntra(endpoint, tokenAndText.requestWith(tokenAndText.hintFor(user).sign()).formParameters(), By.id("code"));

            chromium.screenshot("remembered-factor-sms-first");
            assertThat(chromium.driver().findElements(By.id("otp"))).as("the token page is not the first").isEmpty();
            assertThat(KeycloakUnderTest.twilio().messagesTo(mobile)).as("one text per sign-in").hasSize(2);
            chromium.driver().findElement(By.id("try-another-way")).click();
            chromium.await(By.id("sfo-factor-list"));
            List<WebElement> choices = chromium.driver().findElements(By.cssSelector("#sfo-factor-list button[type=submit]"));
            assertThat(choices).extracting(choice -> choice.getAttribute("id"))
                    .containsExactly("sfo-factor-sfo-sms-code-choose", "sfo-factor-sfo-otp-choose");
            assertThat(chromium.driver().findElements(By.id("reset-login"))).as("no restart link in the page").isEmpty();
            assertThat(chromium.driver().findElement(By.id("sfo-signing-in-name")).getText()).isNotBlank();
            WcagCheck.assertNoViolations(chromium, "factor-choice-remembered-first");
        }
    }

    /**
     * The remembered factor orders, it never admits: once the policy no longer offers it (the number is gone), the
     * sign-in starts with what the policy offers, nothing is sent to the old number, and it is not offered at all.
     */
    @Test
    void aRememberedFactorThePolicyNoLongerOffersIsNeitherStartedNorListed() {
        String mobile = TenantRealm.newMobile();
        EntraUser user = userWithTokenAndPhone(mobile);
        passTheTextMessageOnce(user, mobile);
        admin.setUserAttributes(tokenAndText.name(), user.username(), Map.of("phoneNumber", List.of()));

        Browser.Page next = send(newBrowser(), tokenAndText, tokenAndText.requestWith(tokenAndText.hintFor(user).sign()));

        assertThat(next.form(OurPages.OTP_FORM)).as(next.text()).isPresent();
        assertThat(next.form(TRY_ANOTHER_WAY)).as("no other factor is offered").isEmpty();
        assertThat(KeycloakUnderTest.twilio().messagesTo(mobile)).hasSize(1);
    }

    /**
     * Entra's request may rule the remembered factor out: a request whose amr list has no {@code sms} starts with the
     * OTP token Keycloak offers first, instead of handing over to the text message, which would refuse the whole
     * transaction.
     */
    @Test
    void aRememberedFactorEntrasRequestRulesOutIsNotStartedSoTheOtherFactorServesIt() {
        String mobile = TenantRealm.newMobile();
        EntraUser user = userWithTokenAndPhone(mobile);
        passTheTextMessageOnce(user, mobile);

        Browser.Page next = send(newBrowser(), tokenAndText, tokenAndText.requestWith(tokenAndText.hintFor(user).sign())
                .set("claims", AuthorizationRequest.claims(List.of("possessionorinherence"), List.of("otp"))));

        assertThat(next.form(OurPages.OTP_FORM)).as(next.text()).isPresent();
        assertThat(KeycloakUnderTest.twilio().messagesTo(mobile)).as("nothing sent to the number").hasSize(1);
    }

    /** Offered the OTP token first, the user takes "another way" and passes the text message. */
    private static void passTheTextMessageOnce(EntraUser user, String mobile) {
        Browser browser = newBrowser();
        Browser.Page otp = send(browser, tokenAndText, tokenAndText.requestWith(tokenAndText.hintFor(user).sign()));
        Browser.Page code = EntraRoundTrip.chooseFactor(browser, browser.submit(otp, TRY_ANOTHER_WAY, Map.of("tryAnotherWay", "on")), "Text message");
        assertThat(answerOf(browser.submit(code, "#sfo-code-form", Map.of("code", OurPages.lastCodeSentTo(mobile), "verify", "true")))
                .fields()).containsKey("id_token");
    }
}
