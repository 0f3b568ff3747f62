package org.entrasfo.it.factors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.secrets.RunSecrets;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.KeycloakVerdicts;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The email code factor through Keycloak's own mail sending to a real SMTP server. */
class EmailCodeIT {

    private static final String CODE_FORM = "#sfo-code-form";
    /** The code as the mail states it ("... is 123456."); a realm name may hold six digits too. */
    private static final Pattern CODE = Pattern.compile("is (\\d{6})\\.");

    private static GreenMail smtp;
    private static TenantRealm realm;

    @BeforeAll
    static void mailServerAndRealm() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        realm = TenantRealm.create("email-tenant-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-email-code")));
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        // Wrong codes count for brute-force detection; typed as fast as a test types them, they would trip Keycloak's
        // quick-login check before the per-code limit this class shows (EmailCodeAbuseIT shows the lock-out).
        admin.put("/" + realm.name(), Map.of("smtpServer", Map.of("host", "127.0.0.1", "port", String.valueOf(port),
                "from", "mfa@hospital.example", "fromDisplayName", "Hospital MFA"), "quickLoginCheckMilliSeconds", 1));
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    private static String codeFromMail(int index) {
        MimeMessage message = smtp.getReceivedMessages()[index];
        Matcher matcher = CODE.matcher(GreenMailUtil.getBody(message));
        assertThat(matcher.find()).as("a 6-digit code in the mail").isTrue();
        RunSecrets.code(RunSecrets.Kind.CODE, matcher.group(1));
        return matcher.group(1);
    }

    /** A new user's transaction up to the code page, with the one email it sends already received. */
    private static Browser.Page codePageWithOneMailSent(Browser browser) throws InterruptedException {
        return codePageWithOneMailSent(browser, realm.newUser());
    }

    private static Browser.Page codePageWithOneMailSent(Browser browser, EntraUser user) throws InterruptedException {
        Browser.Page page = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        return page;
    }

    private static Browser.Page submitCode(Browser browser, Browser.Page page, String code) {
        return browser.submit(page, CODE_FORM, Map.of("code", code, "verify", "true"));
    }

    @Test
    void sendsACodeByEmailAndCompletesTheTransactionWithIt() throws Exception {
        EntraUser user = realm.newUser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page page = send(browser, realm, request);

        assertThat(page.form(CODE_FORM)).isPresent();
        assertThat(page.text()).contains("We sent a code to u***@example.org").contains("You are signing in to Test application");
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(user.username() + "@example.org");
        assertThat(mail.getSubject()).contains("verification code");

        FormPost answer = answerOf(submitCode(browser, page, codeFromMail(0)));

        assertThat(validate(answer, realm, request, user.subject()).violations()).isEmpty();
        JsonNode login = eventOf(realm, request, "LOGIN").orElseThrow();
        assertThat(login.path("details").path("factor").asText()).isEqualTo("email");
        assertThat(login.toString()).doesNotContain(codeFromMail(0));
    }

    @Test
    void neverSendsASecondEmailWhenThePageIsShownAgain() throws Exception {
        Browser browser = newBrowser();
        Browser.Page page = codePageWithOneMailSent(browser);

        Browser.Page again = browser.get(URI.create(page.form(CODE_FORM).orElseThrow().absUrl("action")));

        assertThat(again.form(CODE_FORM)).isPresent();
        // Keycloak sends within the request: a mail that was sent has arrived by now.
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void voidsTheCodeAfterThreeWrongTries() throws Exception {
        Browser browser = newBrowser();
        EntraUser user = realm.newUser();
        Browser.Page page = codePageWithOneMailSent(browser, user);
        String right = codeFromMail(0);
        String wrong = right.equals("000000") ? "111111" : "000000";

        for (int i = 0; i < 3; i++) {
            page = submitCode(browser, page, wrong);
            KeycloakVerdicts.awaitFailures(realm, user, i + 1);
        }
        assertThat(page.text()).contains("Too many wrong codes");

        Browser.Page afterVoid = submitCode(browser, page, right);
        assertThat(afterVoid.formPost()).as("a voided code never yields a token").isEmpty();
        assertThat(afterVoid.text()).contains("expired");
    }

    @Test
    void resendsOnlyAfterTheCooldown() throws Exception {
        Browser browser = newBrowser();
        Browser.Page page = codePageWithOneMailSent(browser);

        Browser.Page tooSoon = browser.submit(page, CODE_FORM, Map.of("resend", "true"));

        assertThat(tooSoon.text()).contains("Please wait");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void tellsTheUserWhenMailCannotBeSentAndAuditsIt() {
        TenantRealm broken = TenantRealm.create("email-broken-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-email-code")));
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        admin.put("/" + broken.name(), Map.of("smtpServer", Map.of("host", "127.0.0.1", "port", "1", "from", "mfa@hospital.example")));
        EntraUser user = broken.newUser();
        AuthorizationRequest request = broken.requestWith(broken.hintFor(user).sign());
        Browser browser = newBrowser();

        Browser.Page page = send(browser, broken, request);

        assertThat(page.text()).contains("could not send you a code");
        assertThat(page.formPost()).isEmpty();
        assertThat(eventOf(broken, request, "LOGIN_ERROR").orElseThrow().path("error").asText()).isEqualTo("sfo_email_delivery_failed");

        FormPost gaveUp = answerOf(browser.submit(page, CODE_FORM, Map.of("cancel", "true")));

        assertThat(gaveUp.field("error")).isEqualTo("temporarily_unavailable");
    }

    @Test
    void tellsEntraTheUserCancelledWhenTheyGiveUpOnAWorkingChannel() throws Exception {
        Browser browser = newBrowser();
        Browser.Page page = codePageWithOneMailSent(browser);

        FormPost cancelled = answerOf(browser.submit(page, CODE_FORM, Map.of("cancel", "true")));

        assertThat(cancelled.field("error")).isEqualTo("access_denied");
    }
}
