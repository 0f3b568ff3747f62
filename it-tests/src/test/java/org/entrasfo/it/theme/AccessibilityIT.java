package org.entrasfo.it.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.AdminConsole;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.it.support.WcagCheck;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;

/**
 * Our factor pages in real Chromium, checked by Deque's axe-core against WCAG 2.2 AA, in our login theme (a tenant
 * realm's from provisioning) and in Keycloak's; keyboard use and paste into code fields are checked directly. Screenshots are kept as artifacts.
 */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class AccessibilityIT {

    private static AdminConsole chromium;
    private static TenantRealm realm;

    @BeforeAll
    static void browserAndRealm() {
        chromium = new AdminConsole(KeycloakUnderTest.keycloak());
        realm = TenantRealm.create("a11y-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                // Branded, so every page is checked with an organisation's logo and colour too.
                Map.of("factors", List.of("sfo-otp", "sfo-sms-code", "sfo-helpdesk-code"),
                        "brandLogo", BrandingIT.LOGO, "brandColour", "#0b5394"));
        realm.configure("sfo-otp", Map.of("enrolment", "window"));
        realm.configure("sfo-sms-code", Map.of("twilioAccountSid", KeycloakUnderTest.TWILIO_ACCOUNT_SID,
                "twilioAuthToken", KeycloakUnderTest.TWILIO_AUTH_TOKEN, "twilioFrom", "+15005550006"));
    }

    @AfterAll
    static void closeBrowser() {
        chromium.close();
    }

    private static void open(EntraUser user, By expected) {
        chromium.driver().manage().deleteAllCookies();
        chromium.postLikeEntra(realm.keycloak().authorizationEndpoint(realm.name()),
                realm.requestWith(realm.hintFor(user).sign()).formParameters(), expected);
    }

    private static void assertNoWcagViolations(String page) {
        WcagCheck.assertNoViolations(chromium, page);
    }

    @Test
    void theOtpPageMeetsWcagAndNamesTheApplication() {
        open(realm.newUser(false), By.id("otp"));

        assertThat(chromium.driver().findElement(By.id("sfo-application")).getText()).contains("Test application " + realm.name());
        assertThat(chromium.driver().findElement(By.id("otp")).getAttribute("autocomplete")).isEqualTo("one-time-code");
        assertThat(chromium.driver().findElement(By.id("otp")).getAttribute("inputmode")).isEqualTo("numeric");
        assertNoWcagViolations("a11y-otp");
    }

    @Test
    void theSmsCodePageMeetsWcagAndLetsACodeBePasted() {
        open(realm.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(TenantRealm.newMobile()))), By.id("code"));

        assertThat(chromium.driver().findElement(By.id("sfo-code-validity")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(chromium.driver().findElement(By.id("code")).getAttribute("onpaste")).isNull();
        assertNoWcagViolations("a11y-sms-code");
    }

    @Test
    void theEnrolmentPageMeetsWcag() {
        open(realm.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of(Instant.now().plusSeconds(3600).toString()))),
                By.id("sfo-otp-qr"));

        assertThat(chromium.driver().findElement(By.id("sfo-otp-qr")).getAttribute("alt")).isNotBlank();
        assertNoWcagViolations("a11y-otp-enrolment");
    }

    @Test
    void theNoFactorPageMeetsWcagAndLeadsBackToEntra() {
        open(realm.newUserWithout2ndFactor(Map.of()), By.id("sfo-entra-answer-submit"));

        assertThat(chromium.driver().findElement(By.id("sfo-entra-answer")).getAttribute("action"))
                .isEqualTo("https://login.microsoftonline.com/common/federation/externalauthprovider");
        assertNoWcagViolations("a11y-no-usable-factor");
    }

    @Test
    void theCodePageCanBeUsedWithTheKeyboardAlone() {
        open(realm.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(TenantRealm.newMobile()))), By.id("code"));

        assertThat(chromium.driver().switchTo().activeElement().getAttribute("id")).as("focus starts in the code field").isEqualTo("code");
        chromium.driver().switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(chromium.driver().switchTo().activeElement().getAttribute("id")).as("then the submit button").isEqualTo("sfo-code-submit");
    }

    /** The factor choice: every factor a real button with its own icon and a description, in our theme; WCAG-clean. */
    @Test
    void theFactorChoiceShowsEachFactorWithItsOwnIconAndDescription() {
        EntraUser user = realm.newUser(false);
        KeycloakUnderTest.keycloak().admin().setUserAttributes(realm.name(), user.username(),
                Map.of("phoneNumber", List.of(TenantRealm.newMobile())));
        open(user, By.id("otp"));
        chromium.driver().findElement(By.id("try-another-way")).click();
        chromium.await(By.id("sfo-factor-list"));

        List<org.openqa.selenium.WebElement> buttons = chromium.driver().findElements(By.cssSelector("#sfo-factor-list button[type=submit]"));
        assertThat(buttons).hasSizeGreaterThanOrEqualTo(2);
        List<String> icons = buttons.stream().map(b -> b.findElement(By.cssSelector(".sfo-factor-icon")).getAttribute("class")).toList();
        assertThat(icons).as("one icon per factor").doesNotHaveDuplicates().noneMatch(icon -> icon.contains("fa-list"));
        assertThat(buttons).allMatch(b -> !b.findElement(By.cssSelector(".sfo-factor-help")).getText().isBlank());
        assertThat(chromium.driver().findElement(By.id("sfo-factor-sfo-otp-choose")).getText()).contains("Authenticator app or token");
        assertThat(chromium.driver().findElements(By.id("reset-login"))).allMatch(restart -> !restart.isDisplayed());
        assertNoWcagViolations("factor-choice");
    }

    /** The code page counts down to the code's expiry and to "send again"; the ticking clock is no live region. */
    @Test
    void theCodePageCountsDownToExpiryAndToSendAgainWithoutChattering() {
        open(realm.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(TenantRealm.newMobile()))), By.id("code"));

        org.openqa.selenium.WebElement expiry = chromium.await(By.id("sfo-code-countdown"));
        assertThat(expiry.isDisplayed()).as("started by the script").isTrue();
        assertThat(expiry.findElement(By.className("sfo-countdown-clock")).getText()).matches("[45]:[0-5][0-9]");
        assertThat(chromium.driver().findElement(By.id("sfo-resend-countdown")).getText()).matches(".*0:[0-3][0-9]");
        assertThat(expiry.getAttribute("aria-live")).isNull();
        assertThat(chromium.driver().findElement(By.id("sfo-countdown-status")).getText()).isEmpty();
        assertThat(chromium.driver().findElement(By.id("sfo-code-validity")).getText()).as("the words without script").contains("5");
        assertNoWcagViolations("code-countdown");
    }

    /** From a 320 px phone (WCAG 1.4.10 reflow): no page of ours scrolls sideways, and each still passes axe-core. */
    @Test
    void ourPagesFitA320PixelPhoneWithoutScrollingSideways() {
        org.openqa.selenium.Dimension desktop = chromium.driver().manage().window().getSize();
        chromium.driver().manage().window().setSize(new org.openqa.selenium.Dimension(320, 640));
        try {
            open(realm.newUser(false), By.id("otp"));
            assertFitsWidth("phone-otp");
            open(realm.newUserWithout2ndFactor(Map.of("phoneNumber", List.of(TenantRealm.newMobile()))), By.id("code"));
            assertFitsWidth("phone-sms-code");
            open(realm.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of(Instant.now().plusSeconds(3600).toString()))),
                    By.id("sfo-otp-qr"));
            assertFitsWidth("phone-otp-enrolment");
        } finally {
            chromium.driver().manage().window().setSize(desktop);
        }
    }

    private static void assertFitsWidth(String page) {
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) chromium.driver())
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("pixels %s scrolls sideways at 320 px", page).isLessThanOrEqualTo(0);
        assertNoWcagViolations(page);
    }

    /** A tenant realm gets our theme at provisioning: who is signing in is shown, Keycloak's username box and restart are not. */
    @Test
    void ourThemeShowsWhoIsSigningInAndNeitherKeycloaksUsernameBoxNorItsRestart() {
        open(realm.newUser(false), By.id("otp"));

        assertThat(chromium.driver().getPageSource()).contains("css/entra-sfo.css");
        assertThat(chromium.driver().findElement(By.id("sfo-signing-in-name")).getText()).isEqualTo("Test User");
        assertThat(chromium.driver().findElement(By.id("sfo-signing-in-account")).isDisplayed()).isTrue();
        assertThat(chromium.driver().findElements(By.id("kc-attempted-username"))).allMatch(box -> !box.isDisplayed());
        assertThat(chromium.driver().findElements(By.id("reset-login"))).allMatch(restart -> !restart.isDisplayed());
        assertThat(chromium.driver().findElement(By.id("sfo-otp-cancel")).isDisplayed()).isTrue();
        assertNoWcagViolations("otp-signing-in-as");
    }

    /** Our pages are theme resources: they serve in Keycloak's own theme too, when an admin chose it. */
    @Test
    void keycloaksOwnThemeServesThePagesToo() {
        KeycloakUnderTest.keycloak().admin().put("/" + realm.name(), Map.of("loginTheme", "keycloak.v2"));
        try {
            open(realm.newUser(false), By.id("otp"));

            assertThat(chromium.driver().getPageSource()).doesNotContain("css/entra-sfo.css");
            assertThat(chromium.driver().findElement(By.id("sfo-signing-in-name")).getText()).isEqualTo("Test User");
            assertNoWcagViolations("a11y-otp-keycloak-v2-theme");
        } finally {
            KeycloakUnderTest.keycloak().admin().put("/" + realm.name(), Map.of("loginTheme", "entra-sfo"));
        }
    }
}
