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
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's demo works as it says: its tenant realm and users, set up by the demo's own code on the test run's
 * Keycloak, and every factor clicked through from the simulator's start page to an id_token Entra would accept, with
 * the SMS, the mail and the help desk code taken from the demo's own pages.
 */
class DemoTenantIT {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final String CODE_FORM = "#sfo-code-form";
    private static final String ACCEPTED = "MFA completed: Entra would accept this id_token";

    private static EntraSimulator microsoft;
    private static GreenMail mail;

    @BeforeAll
    static void demoTenant() throws Exception {
        KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
        KeycloakAdmin admin = keycloak.admin();
        String realm = "demo-tenant-" + UUID.randomUUID().toString().substring(0, 6);
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
                + DemoPages.HELPDESK_PATH + "]")).hasSize(3);
    }

    @Test
    void aliceSignsInWithTheOtpCodeTheStartPageShows() {
        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page otp = startAs(browser, "alice");
        assertThat(EntraRoundTrip.asksForOtp(otp)).as(otp.text()).isTrue();

        Browser.Page answer = EntraRoundTrip.submitCode(browser, otp, OneTimePasswords.totp("DemoSecretOnly4Demo!", Instant.now()));

        assertThat(toEntra(browser, answer).text()).contains(ACCEPTED);
    }

    @Test
    void bobSignsInWithTheCodeOnTheSmsPage() {
        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page page = startAs(browser, "bob");
        assertThat(page.form(CODE_FORM)).as(page.text()).isPresent();

        String code = firstCode(browser.get(URI.create(microsoft.baseUrl() + DemoPages.SMS_PATH)).text());
        Browser.Page answer = browser.submit(page, CODE_FORM, Map.of("code", code, "verify", "true"));

        assertThat(toEntra(browser, answer).text()).contains(ACCEPTED);
    }

    @Test
    void carolSignsInWithTheCodeOnTheMailPage() {
        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page page = startAs(browser, "carol");
        assertThat(page.form(CODE_FORM)).as(page.text()).isPresent();

        String code = firstCode(browser.get(URI.create(microsoft.baseUrl() + DemoPages.MAIL_PATH)).text());
        Browser.Page answer = browser.submit(page, CODE_FORM, Map.of("code", code, "verify", "true"));

        assertThat(toEntra(browser, answer).text()).contains(ACCEPTED);
    }

    @Test
    void daveSignsInWithACodeTheHelpDeskPageIssued() {
        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page helpdesk = browser.post(URI.create(microsoft.baseUrl() + DemoPages.HELPDESK_PATH), Map.of());
        String code = helpdesk.document().select("#helpdesk-code").text();
        assertThat(code).as(helpdesk.text()).isNotBlank();

        Browser.Page page = startAs(browser, "dave");
        Browser.Page answer = browser.submit(page, CODE_FORM, Map.of("code", code, "verify", "true"));

        assertThat(toEntra(browser, answer).text()).contains(ACCEPTED);
    }

    @Test
    void erinIsOfferedFirstTimeEnrolmentAndFrankAChoice() {
        Browser.Page erin = startAs(EntraRoundTrip.newBrowser(), "erin");
        Browser.Page frank = startAs(EntraRoundTrip.newBrowser(), "frank");

        assertThat(erin.document().select("#sfo-otp-enrol-form, #sfo-push-enrol-link, form[action*=sfo-push]")).as(erin.text())
                .isNotEmpty();
        assertThat(EntraRoundTrip.asksForOtp(frank)).as(frank.text()).isTrue();
        assertThat(frank.form("#kc-select-try-another-way-form")).as("frank may choose").isPresent();
    }

    /** The start page's button: the auto-submitting form of Entra's request, submitted as the browser would. */
    private static Browser.Page startAs(Browser browser, String user) {
        Browser.Page request = browser.get(URI.create(microsoft.baseUrl() + "/start?user=" + user));
        return browser.submit(request, "form", Map.of());
    }

    /** Keycloak's form_post of the id_token, submitted to the simulator, which shows what Entra would conclude. */
    private static Browser.Page toEntra(Browser browser, Browser.Page answer) {
        return browser.submit(answer, "form", Map.of());
    }

    private static String firstCode(String text) {
        Matcher matcher = CODE.matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }
}
