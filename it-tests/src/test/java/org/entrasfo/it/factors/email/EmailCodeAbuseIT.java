package org.entrasfo.it.factors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.KeycloakVerdicts.awaitLockOut;
import static org.entrasfo.it.support.KeycloakVerdicts.loginErrors;
import static org.entrasfo.it.support.KeycloakVerdicts.wrongCodes;

import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.Concurrently;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the email code factor by someone holding the user's hint (a stolen one, or a shared workstation): flooding
 * the mailbox from many auth sessions or by reloading, guessing one code from parallel requests, and spreading guesses
 * over several auth sessions. Every test fails if the attack works.
 */
class EmailCodeAbuseIT {

    private static final String CODE_FORM = "#sfo-code-form";
    private static final Pattern CODE = Pattern.compile("is (\\d{6})\\.");
    private static final int PARALLEL = 8;

    private static GreenMail smtp;
    private static int smtpPort;

    @BeforeAll
    static void mailServer() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    /** A tenant realm with the email factor, mail to the test's server, and these code settings. */
    private static TenantRealm emailRealm(String prefix, Map<String, String> codeSettings, Map<String, Object> realmSettings) {
        TenantRealm realm = TenantRealm.create(prefix + "-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-email-code")));
        Map<String, Object> settings = new HashMap<>(realmSettings);
        settings.put("smtpServer", Map.of("host", "127.0.0.1", "port", String.valueOf(smtpPort), "from", "mfa@hospital.example"));
        KeycloakUnderTest.keycloak().admin().put("/" + realm.name(), settings);
        if (!codeSettings.isEmpty()) {
            realm.configure("sfo-email-code", codeSettings);
        }
        return realm;
    }

    /** Mails to this user, oldest first. Keycloak sends within the request, so every answered request's mail is here. */
    private static List<MimeMessage> mailsTo(EntraUser user) {
        String address = user.username() + "@example.org";
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
            try {
                return address.equals(mail.getAllRecipients()[0].toString());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String codeIn(MimeMessage mail) {
        Matcher matcher = CODE.matcher(GreenMailUtil.getBody(mail));
        assertThat(matcher.find()).as("a 6-digit code in the mail").isTrue();
        return matcher.group(1);
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private static Browser.Page submitCode(Browser browser, Browser.Page page, String code) {
        return browser.submit(page, CODE_FORM, Map.of("code", code, "verify", "true"));
    }

    /** The page again, as the browser's reload button asks for it. */
    private static Browser.Page reload(Browser browser, Browser.Page page) {
        return browser.get(URI.create(page.form(CODE_FORM).orElseThrow(() -> new AssertionError(page.text())).absUrl("action")));
    }

    @Test
    void sendsOneCodeWhenOneHintIsOpenedInManyBrowsersAtOnce() {
        // Brute-force detection off: Keycloak's own guard against parallel logins of one user holds on one node only,
        // so the cooldown must stand alone, as it does across a cluster.
        TenantRealm realm = emailRealm("email-flood", Map.of(), Map.of("bruteForceProtected", false));
        EntraUser user = realm.newUser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());

        List<Browser.Page> pages = Concurrently.run(PARALLEL, i -> send(newBrowser(), realm, request));

        assertThat(mailsTo(user)).as("one mail within the cooldown, whatever the number of auth sessions").hasSize(1);
        assertThat(pages).filteredOn(page -> page.text().contains("We sent a code to")).hasSize(1);
        assertThat(pages).filteredOn(page -> page.text().contains("Please wait")).hasSize(PARALLEL - 1);
        assertThat(loginErrors(realm, request)).filteredOn(e -> "sfo_code_rate_limited".equals(e.path("error").asText()))
                .hasSize(PARALLEL - 1)
                .allSatisfy(e -> assertThat(e.path("details").path("reason").asText()).contains("cooldown"));
    }

    @Test
    void reloadingTheCodePageManyTimesSendsNothingMore() {
        TenantRealm realm = emailRealm("email-reload", Map.of("resendCooldownSeconds", "0"), Map.of());
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        Browser.Page page = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));

        List<Browser.Page> reloads = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            reloads.add(reload(browser, page));
        }
        reloads.addAll(Concurrently.run(PARALLEL, i -> reload(browser, page)));

        assertThat(mailsTo(user)).hasSize(1);
        assertThat(reloads).allSatisfy(again -> assertThat(again.form(CODE_FORM)).isPresent());
    }

    @Test
    void aReloadAfterTheCodeWasVoidedSendsNothing() {
        TenantRealm realm = emailRealm("email-void", Map.of("resendCooldownSeconds", "0"), Map.of("bruteForceProtected", false));
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        Browser.Page page = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        String right = codeIn(mailsTo(user).get(0));
        for (int i = 0; i < 3; i++) {
            page = submitCode(browser, page, otherThan(right));
        }
        assertThat(page.text()).contains("Too many wrong codes");

        Browser.Page reloaded = reload(browser, page);

        assertThat(mailsTo(user)).as("only the one code; a new one needs the user's click").hasSize(1);
        assertThat(reloaded.text()).contains("There is no valid code for this sign-in").doesNotContain("We sent a code to");
        Browser.Page afterVoid = submitCode(browser, reloaded, right);
        assertThat(afterVoid.formPost()).as("the voided code yields nothing").isEmpty();
    }

    @Test
    void holdsTheHourlyQuotaOfTheUserAcrossAuthSessions() {
        TenantRealm realm = emailRealm("email-quota", Map.of("resendCooldownSeconds", "0", "maxPerUserPerHour", "2"), Map.of());
        EntraUser user = realm.newUser();
        send(newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));
        Browser browser = newBrowser();
        Browser.Page second = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        AuthorizationRequest third = realm.requestWith(realm.hintFor(user).sign());

        Browser.Page refused = send(newBrowser(), realm, third);
        Browser.Page resendRefused = browser.submit(second, CODE_FORM, Map.of("resend", "true"));

        assertThat(mailsTo(user)).hasSize(2);
        assertThat(refused.text()).contains("Too many codes were sent recently");
        assertThat(resendRefused.text()).contains("Too many codes were sent recently");
        JsonNode event = eventOf(realm, third, "LOGIN_ERROR").orElseThrow();
        assertThat(event.path("error").asText()).isEqualTo("sfo_code_rate_limited");
        assertThat(event.path("details").path("reason").asText()).contains("quota of the user");
    }

    @Test
    void parallelWrongTriesOnOneCodeNeverExceedTheLimit() {
        // Brute-force detection off: only the per-code limit stands between the attacker and the code.
        TenantRealm realm = emailRealm("email-race", Map.of("resendCooldownSeconds", "0"), Map.of("bruteForceProtected", false));
        EntraUser user = realm.newUser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser browser = newBrowser();
        Browser.Page page = send(browser, realm, request);
        String right = codeIn(mailsTo(user).get(0));

        for (int round = 0; round < 3; round++) {
            Browser.Page form = page;
            Concurrently.run(PARALLEL * 2, i -> submitCode(browser, form, otherThan(right)));
            page = reload(browser, page);
        }
        Browser.Page withRightCode = submitCode(browser, page, right);

        assertThat(withRightCode.formPost()).as("the code is void after three wrong tries, however they were sent").isEmpty();
        assertThat(wrongCodes(realm, request)).as("codes compared wrongly").isBetween(1L, 3L);
        assertThat(mailsTo(user)).hasSize(1);
    }

    @Test
    void wrongCodesSpreadOverSeveralAuthSessionsLockTheUserForAll() {
        TenantRealm realm = emailRealm("email-brute", Map.of("resendCooldownSeconds", "0", "maxPerUserPerHour", "10"),
                Map.of("bruteForceProtected", true, "failureFactor", 3, "waitIncrementSeconds", 600, "maxFailureWaitSeconds", 900,
                        "quickLoginCheckMilliSeconds", 1));
        EntraUser user = realm.newUser();
        Browser waiting = newBrowser();
        AuthorizationRequest waitingRequest = realm.requestWith(realm.hintFor(user).sign());
        Browser.Page waitingPage = send(waiting, realm, waitingRequest);
        String waitingCode = codeIn(mailsTo(user).get(0));

        for (int i = 0; i < 3; i++) {
            Browser attacker = newBrowser();
            Browser.Page page = send(attacker, realm, realm.requestWith(realm.hintFor(user).sign()));
            String right = codeIn(mailsTo(user).get(i + 1));
            submitCode(attacker, page, otherThan(right));
        }
        awaitLockOut(realm, user);

        Browser.Page refused = submitCode(waiting, waitingPage, waitingCode);

        assertThat(refused.formPost()).as("no token while the user is locked out").isEmpty();
        assertThat(eventOf(realm, waitingRequest, "LOGIN_ERROR").orElseThrow().path("error").asText())
                .isEqualTo("user_temporarily_disabled");
        send(newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));
        assertThat(mailsTo(user)).as("a locked-out user is sent no more codes").hasSize(4);
    }
}
