package org.entrasfo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.entrasfo.entrasim.EntraSimulator;
import org.entrasfo.entrasim.OneTimePasswords;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;

/**
 * The README's demo works as it says: its tenant realm and users, set up by the demo's own code on the test run's
 * Keycloak, and every factor clicked through in Chromium from the simulator's start page to an id_token the simulator
 * accepts as Entra would, with the SMS, the mail and the help desk code taken from the demo's own pages in other tabs,
 * and push approved in the realm's web app in another tab. Each page state is a screenshot
 * ({@code target/screenshots/demo-*.png}).
 */
// Exclusive: the demo page of sent texts lists every recipient's, newest first.
@ResourceLock(TwilioStandIn.LOCK)
class DemoTenantIT {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private static EntraSimulator microsoft;
    private static GreenMail mail;
    private static String realm;

    @BeforeAll
    static void demoTenant() throws Exception {
        KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
        KeycloakAdmin admin = keycloak.admin();
        realm = "demo-tenant-" + UUID.randomUUID().toString().substring(0, 6);
        microsoft = EntraSimulator.start();
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        var settings = DemoTenant.create(admin, microsoft, realm, keycloak.authorizationEndpoint(realm).toString(),
                keycloak.discoveryUrl(realm), new DemoTenant.Outboxes(KeycloakUnderTest.TWILIO_ACCOUNT_SID,
                        KeycloakUnderTest.TWILIO_AUTH_TOKEN, mail.getSmtp().getPort()));
        DemoPages.addTo(microsoft, KeycloakUnderTest.twilio(), mail, admin, realm);
        microsoft.setDemo(settings, keycloak.httpClientBuilder().build());
    }

    @AfterAll
    static void stop() {
        mail.stop();
        microsoft.close();
    }

    @Test
    void theStartPageOffersEveryDemoUserAndTheDemosPages() {
        Browser.Page start = EntraRoundTrip.newBrowser().get(URI.create(microsoft.baseUrl() + "/"));

        for (String user : new String[] {"alice", "bob", "carol", "dave", "erin", "frank"}) {
            assertThat(start.document().select("#start-" + user)).as(user).hasSize(1);
        }
        assertThat(start.document().select("a[href=" + DemoPages.SMS_PATH + "], a[href=" + DemoPages.MAIL_PATH + "], a[href="
                + DemoPages.HELPDESK_PATH + "], a[href=" + DemoPages.RESET_ERIN_PATH + "]")).hasSize(4);
        assertThat(start.document().select("#push-steps li").text()).contains("Erin", "Try another way", "Open the app here");
        assertThat(start.document().select("#open-push-app").attr("href"))
                .isEqualTo(KeycloakUnderTest.keycloak().realmUrl(realm) + "/sfo-push/app/");
        assertThat(start.document().select("#open-push-app").attr("target")).isEqualTo("_blank");
    }

    /**
     * Push approval in the same browser, as the start page tells a newcomer: Erin enrols the realm's web app, opened
     * from the enrolment page in a second tab, inside her sign-in; her next sign-in's number is picked in that tab.
     */
    @Test
    void erinEnrolsTheWebAppInASecondTabThenApprovesHerNextSignInThere() {
        resetErin();
        try (DemoChromium chromium = new DemoChromium(microsoft)) {
            chromium.startPage();
            chromium.shot("start-page");
            chromium.scrollTo(By.id("push-in-this-browser"));
            chromium.shot("start-page-push-steps");
            String signIn = chromium.driver().getWindowHandle();
            chromium.signInAs("erin", By.id("try-another-way"));
            chromium.shot("erin-first-sign-in");
            chromium.click(By.id("try-another-way"), By.id("sfo-factor-sfo-push-choose"));
            chromium.shot("erin-factor-choice");
            chromium.click(By.id("sfo-factor-sfo-push-choose"), By.id("sfo-push-enrol-qr"));
            chromium.shot("erin-push-enrolment");

            chromium.driver().findElement(By.id("sfo-push-enrol-link")).click();
            String phone = chromium.openedTab(signIn);
            chromium.switchTo(phone);
            chromium.await(By.id("enrol-form"));
            chromium.shot("phone-tab-set-up");
            chromium.driver().findElement(By.id("enrol-submit")).click();
            chromium.awaitAppState("enrolled");
            chromium.shot("phone-tab-enrolled");
            chromium.switchTo(signIn);
            assertThat(chromium.acceptedClaim("amr")).as("enrolled with the device").isEqualTo("[swk]");
            chromium.shot("erin-push-enrolled-accepted");

            chromium.signInAs("erin", By.id("sfo-push-number"));
            String number = chromium.driver().findElement(By.id("sfo-push-number")).getText().trim();
            chromium.shot("erin-push-number");
            chromium.switchTo(phone);
            chromium.awaitAppState("challenge");
            chromium.shot("phone-tab-request");
            chromium.driver().findElement(By.cssSelector("#choices button[data-number='" + number + "']")).click();
            chromium.awaitAppState("answered");
            chromium.shot("phone-tab-approved");
            chromium.switchTo(signIn);

            assertThat(chromium.acceptedClaim("amr")).as("approved in the phone tab").isEqualTo("[swk]");
            chromium.shot("erin-push-accepted");
        }
    }

    /** First-time enrolment of an OTP token inside the sign-in, from the secret the page shows. */
    @Test
    void erinSetsUpAnOtpTokenInHerFirstSignIn() {
        resetErin();
        try (DemoChromium chromium = new DemoChromium(microsoft)) {
            chromium.signInAs("erin", By.id("sfo-otp-enrol-form"));
            chromium.shot("erin-otp-enrolment");
            String secret = chromium.driver().findElement(By.id("sfo-otp-secret")).getText().replace(" ", "");
            RunSecrets.otpKeyBase32(secret);

            chromium.driver().findElement(By.id("totp")).sendKeys(OneTimePasswords.totpForAppKey(secret, Instant.now()));
            chromium.driver().findElement(By.id("userLabel")).sendKeys("Demo authenticator app");
            chromium.driver().findElement(By.id("sfo-otp-enrol-submit")).click();

            assertThat(chromium.acceptedClaim("amr")).isEqualTo("[otp]");
            chromium.shot("erin-otp-accepted");
        }
    }

    @Test
    void aliceSignsInWithTheOtpCodeTheStartPageShows() {
        try (DemoChromium chromium = new DemoChromium(microsoft)) {
            chromium.signInAs("alice", By.id("otp"));
            chromium.shot("alice-otp");
            chromium.type(By.id("otp"), OneTimePasswords.totp("DemoSecretOnly4Demo!", Instant.now()));
            chromium.driver().findElement(By.id("sfo-otp-submit")).click();

            assertThat(chromium.acceptedClaim("amr")).isEqualTo("[otp]");
            chromium.shot("alice-accepted");
        }
    }

    @Test
    void bobSignsInWithTheCodeOnTheSmsPage() {
        try (DemoChromium chromium = new DemoChromium(microsoft)) {
            chromium.signInAs("bob", By.id("sfo-code-form"));
            chromium.shot("bob-sms-code");
            String signIn = chromium.driver().getWindowHandle();
            String code = firstCode(chromium.openInNewTab(DemoPages.SMS_PATH));
            chromium.shot("sms-messages");
            chromium.switchTo(signIn);
            chromium.type(By.id("code"), code);
            chromium.driver().findElement(By.id("sfo-code-submit")).click();

            assertThat(chromium.acceptedClaim("amr")).isEqualTo("[sms]");
            chromium.shot("bob-accepted");
        }
    }

    @Test
    void carolSignsInWithTheCodeOnTheMailPage() {
        try (DemoChromium chromium = new DemoChromium(microsoft)) {
            chromium.signInAs("carol", By.id("sfo-code-form"));
            chromium.shot("carol-email-code");
            String signIn = chromium.driver().getWindowHandle();
            String code = firstCode(chromium.openInNewTab(DemoPages.MAIL_PATH));
            chromium.shot("mail");
            chromium.switchTo(signIn);
            chromium.type(By.id("code"), code);
            chromium.driver().findElement(By.id("sfo-code-submit")).click();

            assertThat(chromium.acceptedClaim("amr")).isEqualTo("[otp]");
            chromium.shot("carol-accepted");
        }
    }

    @Test
    void daveSignsInWithACodeTheHelpDeskPageIssued() {
        try (DemoChromium chromium = new DemoChromium(microsoft)) {
            chromium.openInNewTab(DemoPages.HELPDESK_PATH);
            chromium.shot("helpdesk");
            chromium.click(By.id("issue"), By.id("helpdesk-code"));
            String code = chromium.driver().findElement(By.id("helpdesk-code")).getText();
            chromium.shot("helpdesk-code-issued");

            chromium.signInAs("dave", By.id("sfo-code-form"));
            chromium.shot("dave-helpdesk-code");
            chromium.type(By.id("code"), code);
            chromium.driver().findElement(By.id("sfo-code-submit")).click();

            assertThat(chromium.acceptedClaim("amr")).isNotBlank();
            chromium.shot("dave-accepted");
        }
    }

    @Test
    void frankChoosesAmongHisFactorsThenSignsInWithOtp() {
        try (DemoChromium chromium = new DemoChromium(microsoft)) {
            chromium.signInAs("frank", By.id("otp"));
            chromium.shot("frank-otp");
            chromium.click(By.id("try-another-way"), By.id("sfo-factor-list"));
            assertThat(chromium.driver().findElements(By.cssSelector("#sfo-factor-list button[type=submit]"))).as("OTP, SMS, email")
                    .hasSize(3);
            chromium.shot("frank-factor-choice");
            chromium.click(By.id("sfo-factor-sfo-otp-choose"), By.id("otp"));
            chromium.type(By.id("otp"), OneTimePasswords.totp("DemoSecretForFrank!!", Instant.now()));
            chromium.driver().findElement(By.id("sfo-otp-submit")).click();

            assertThat(chromium.acceptedClaim("amr")).isEqualTo("[otp]");
        }
    }

    /** The demo's "Reset Erin" page, so each of her enrolments starts from a user without a factor. */
    private static void resetErin() {
        Browser.Page reset = EntraRoundTrip.newBrowser().post(URI.create(microsoft.baseUrl() + DemoPages.RESET_ERIN_PATH), Map.of());
        assertThat(reset.document().select("#reset-done")).as(reset.text()).hasSize(1);
    }

    private static String firstCode(String text) {
        Matcher matcher = CODE.matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }
}
