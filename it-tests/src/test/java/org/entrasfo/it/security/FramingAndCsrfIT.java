package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.security.FreshFactorIT.assertReadable;
import static org.entrasfo.it.support.AttackLedger.assertNoTokenFrom;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.LoginActionUrl;
import org.entrasfo.it.support.OurPages;
import org.entrasfo.it.support.OurPages.Opened;
import org.entrasfo.it.support.RawHttp;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Clickjacking and cross-site request forgery. Every page of ours forbids framing by another origin and carries a
 * Content-Security-Policy; every JSON answer of ours is neither cached nor sniffed. Every form of ours, posted from a
 * browser without the auth session's cookies, or with its session code, execution or tab id missing, forged or from
 * another auth session, makes no progress and shows a readable page.
 */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class FramingAndCsrfIT {

    @Test
    void everyPageOfOursForbidsFramingByAnotherOriginAndHasAContentSecurityPolicy() {
        Map<String, Browser.Page> pages = new LinkedHashMap<>();
        Opened otp = OurPages.otpPage();
        pages.put("OTP page", otp.page());
        pages.put("id_token posted to Entra", submitCode(otp.browser(), otp.page(), otp.user().nextCode()));
        pages.put("error posted to Entra", send(newBrowser(), otp.realm(), otp.realm().requestWith(otp.request().get("id_token_hint"))));
        pages.put("refusal explained before it is posted to Entra", OurPages.explainedRefusalPage().page());
        pages.put("sign in through Entra first", OurPages.signInThroughEntraPage());
        pages.put("OTP enrolment page", OurPages.otpEnrolmentPage().page());
        pages.put("code page", OurPages.codePage().page());
        pages.put("code enrolment page", OurPages.codeEnrolmentPage().page());
        pages.put("push enrolment page", OurPages.pushEnrolmentPage().page());
        pages.put("push wait page", OurPages.pushWaitPage().page());

        pages.forEach((name, page) -> {
            assertThat(page.status()).as("%s: HTTP status", name).isLessThan(500);
            assertFramingForbidden(name, page.header("X-Frame-Options"), page.header("Content-Security-Policy"));
        });
    }

    @Test
    void thePushWebAppsFilesCannotBeFramedOrSniffed() {
        String app = KeycloakUnderTest.keycloak().realmUrl(TenantRealm.of(MicrosoftCloud.GLOBAL).name()) + "/sfo-push/app/";
        for (String file : List.of("", "index.html", "app.js", "app.css", "sw.js", "manifest.webmanifest", "icon.svg", "icon-192.png")) {
            RawHttp.Answer answer = RawHttp.get(URI.create(app + file), null);

            assertThat(answer.status()).as(file).isEqualTo(200);
            assertFramingForbidden("push app " + file, answer.header("X-Frame-Options"), answer.header("Content-Security-Policy"));
            assertThat(answer.header("Content-Security-Policy").orElse("")).as(file).contains("frame-ancestors 'none'");
            assertThat(answer.header("X-Content-Type-Options")).as(file).contains("nosniff");
        }
    }

    @Test
    void everyJsonAnswerOfOursIsNeitherCachedNorSniffed() {
        TenantRealm realm = TenantRealm.create("json-headers-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-helpdesk-code")));
        // As a realm admin may do: Keycloak's own nosniff header emptied; our answers must not rely on it.
        assertThat(KeycloakUnderTest.keycloak().admin().put("/" + realm.name(),
                Map.of("browserSecurityHeaders", Map.of("xContentTypeOptions", ""))).status()).isEqualTo(204);
        EntraUser user = realm.newUser();
        String realmUrl = KeycloakUnderTest.keycloak().realmUrl(realm.name());
        String admin = KeycloakUnderTest.keycloak().baseUrl() + "/admin/realms/";
        String token = RawHttp.adminToken();
        Map<String, Supplier<RawHttp.Answer>> endpoints = new LinkedHashMap<>();
        endpoints.put("push configuration", () -> RawHttp.get(URI.create(realmUrl + "/sfo-push/device/configuration"), null));
        endpoints.put("push device request refused", () -> RawHttp.post(URI.create(realmUrl + "/sfo-push/device/requests"), null,
                "application/jwt", "not-a-jws"));
        endpoints.put("push challenge state unknown", () -> RawHttp.get(URI.create(realmUrl + "/sfo-push/browser/challenges/x?watch=y"), null));
        endpoints.put("push enrolment state unknown", () -> RawHttp.get(URI.create(realmUrl + "/sfo-push/browser/enrolments/x?watch=y"), null));
        endpoints.put("health", () -> RawHttp.get(URI.create(realmUrl + "/entra-sfo/health"), null));
        endpoints.put("tenant realm refused", () -> RawHttp.post(URI.create(admin + "master/entra-sfo/tenant-realms"), token,
                "application/json", "{\"realm\":\"\"}"));
        endpoints.put("tenant realm applied", () -> RawHttp.post(URI.create(admin + "master/entra-sfo/tenant-realms"), token,
                "application/json", profileOf(realm)));
        endpoints.put("report", () -> RawHttp.get(URI.create(admin + realm.name() + "/entra-sfo/report"), token));
        endpoints.put("report refused", () -> RawHttp.get(URI.create(admin + realm.name() + "/entra-sfo/report?from=yesterday"), token));
        endpoints.put("self-test", () -> RawHttp.get(URI.create(admin + realm.name() + "/entra-sfo/self-test"), token));
        endpoints.put("SCIM provisioning (its secret)", () -> RawHttp.post(URI.create(admin + realm.name() + "/entra-sfo/scim"), token,
                "application/json", "{}"));
        endpoints.put("SCIM provisioning refused", () -> RawHttp.post(URI.create(admin + "master/entra-sfo/scim"), token,
                "application/json", "{}"));
        endpoints.put("help desk code issued", () -> RawHttp.post(URI.create(admin + realm.name() + "/entra-sfo-helpdesk/codes"), token,
                "application/json", "{\"username\":\"" + user.username() + "\"}"));
        endpoints.put("help desk code refused", () -> RawHttp.post(URI.create(admin + realm.name() + "/entra-sfo-helpdesk/codes"), token,
                "application/json", "{\"username\":\"nobody-" + UUID.randomUUID() + "\"}"));
        endpoints.put("hardware tokens refused", () -> RawHttp.post(URI.create(admin + realm.name() + "/entra-sfo-hardware-tokens"), token,
                "text/csv", "not,a,seed,file"));

        endpoints.forEach((name, call) -> {
            RawHttp.Answer answer = call.get();
            assertThat(answer.status()).as("%s: %s", name, answer.body()).isLessThan(500);
            assertThat(answer.header("Content-Type").orElse("")).as(name).startsWith("application/json");
            assertThat(answer.header("Cache-Control").orElse("")).as("%s: Cache-Control", name).contains("no-store");
            assertThat(answer.header("X-Content-Type-Options").orElse("")).as("%s: X-Content-Type-Options", name).isEqualTo("nosniff");
        });
    }

    @Test
    void everyFormOfOursRefusesForgedPosts() {
        Opened otp = OurPages.otpPage();
        assertForgeriesMakeNoProgress("OTP form", otp, OurPages.OTP_FORM, Map.of("otp", otp.user().wrongCode()), OurPages.otpPage().page());
        assertThat(otp.realm().otpCredentialLabels(otp.user())).hasSize(1);

        Opened code = OurPages.codePage();
        String victimsCode = OurPages.lastCodeSentTo(OurPages.mobileOf(code));
        assertForgeriesMakeNoProgress("code form (cancel)", code, OurPages.CODE_FORM, Map.of("cancel", "true"), OurPages.codePage().page());
        assertForgeriesMakeNoProgress("code form (code)", code, OurPages.CODE_FORM, Map.of("code", "000000", "verify", "true"), code.page());
        Browser.Page current = code.browser().get(LoginActionUrl.with(LoginActionUrl.of(code.page(), OurPages.CODE_FORM), "session_code", null));
        assertThat(answerOf(code.browser().submit(current, OurPages.CODE_FORM, Map.of("code", victimsCode, "verify", "true")))
                .fields()).as("the victim's transaction survived every forgery").containsKey("id_token");

        Opened codeEnrolment = OurPages.codeEnrolmentPage();
        String attackersNumber = TenantRealm.newMobile();
        assertForgeriesMakeNoProgress("code enrolment form", codeEnrolment, OurPages.CODE_ENROL_FORM, Map.of("destination", attackersNumber),
                OurPages.codeEnrolmentPage().page());
        assertThat(OurPages.textsTo(attackersNumber)).as("nothing sent to a number a forged post names").isEmpty();

        Opened otpEnrolment = OurPages.otpEnrolmentPage();
        assertForgeriesMakeNoProgress("OTP enrolment form", otpEnrolment, OurPages.OTP_ENROL_FORM,
                Map.of("totp", "123456", "userLabel", "attacker"), OurPages.otpEnrolmentPage().page());
        assertThat(otpEnrolment.realm().otpCredentialLabels(otpEnrolment.user())).as("no token enrolled").isEmpty();

        Opened pushEnrolment = OurPages.pushEnrolmentPage();
        assertForgeriesMakeNoProgress("push enrolment form", pushEnrolment, OurPages.PUSH_FORM, Map.of("sfo-push-action", "cancel"),
                OurPages.pushEnrolmentPage().page());

        Opened pushWait = OurPages.pushWaitPage();
        assertForgeriesMakeNoProgress("push wait form", pushWait, OurPages.PUSH_FORM, Map.of("sfo-push-action", "cancel"), otp.page());
    }

    /**
     * Keycloak's AUTH_SESSION_ID and KC_RESTART cookies are SameSite=None, so a cross-site post carries them. With a
     * tab id Keycloak does not know, it restarts the login from KC_RESTART in a new tab, with the request's parameters
     * the cookie kept: the Entra transaction would run again, send the victim another text message and replace the
     * push challenge the victim's page waits for. The hint counts only in Entra's own request, so the restart is
     * refused on a readable page with an event, and the victim's pages wait on as they were.
     */
    @Test
    void aForgedPostWithAnUnknownTabDisturbsNothingTheVictimWaitsFor() {
        long started = System.currentTimeMillis();
        Opened code = OurPages.codePage();
        String mobile = OurPages.mobileOf(code);
        int texts = OurPages.textsTo(mobile).size();
        Opened push = OurPages.pushWaitPage();
        String number = push.page().document().select("#sfo-push-number").text();

        List<Browser.Page> answers = new ArrayList<>();
        for (Opened victim : List.of(code, push)) {
            String form = victim == code ? OurPages.CODE_FORM : OurPages.PUSH_FORM;
            answers.add(victim.browser().post(LoginActionUrl.with(LoginActionUrl.of(victim.page(), form), "tab_id", "forged-" + UUID.randomUUID()),
                    Map.of("sfo-push-action", "check")));
        }

        assertNoTokenFrom("cross-site post with an unknown tab_id", answers.toArray(Browser.Page[]::new));
        assertReadable(answers.toArray(Browser.Page[]::new));
        assertThat(OurPages.textsTo(mobile)).as("no further text message").hasSize(texts);
        assertThat(push.browser().get(LoginActionUrl.of(push.page(), OurPages.PUSH_FORM)).document().select("#sfo-push-number").text())
                .as("the same push still waits").isEqualTo(number);
        // The realm is shared with other tests (which never restart a transaction): a restart of this test's time.
        assertThat(KeycloakUnderTest.keycloak().admin().events(code.realm().name(), "LOGIN_ERROR"))
                .anySatisfy(event -> {
                    assertThat(event.path("time").asLong()).isGreaterThanOrEqualTo(started);
                    assertThat(event.path("error").asText()).isEqualTo("entra_transaction_restarted");
                });
    }

    /**
     * Posts the form's fields from a browser without cookies, then from the victim's browser with each flow parameter
     * missing, forged or taken from another auth session; afterwards the victim's page is still the same step.
     */
    private static void assertForgeriesMakeNoProgress(String form, Opened victim, String selector, Map<String, String> fields,
                                                      Browser.Page anotherAuthSession) {
        URI action = LoginActionUrl.of(victim.page(), selector);
        URI others = URI.create(anotherAuthSession.document().select("form[action*=login-actions]").attr("abs:action"));
        List<Browser.Page> answers = new ArrayList<>();
        answers.add(newBrowser().post(action, fields));
        for (String parameter : List.of("session_code", "execution", "tab_id")) {
            answers.add(victim.browser().post(LoginActionUrl.with(action, parameter, null), fields));
            answers.add(victim.browser().post(LoginActionUrl.with(action, parameter, "forged-" + UUID.randomUUID()), fields));
            answers.add(victim.browser().post(LoginActionUrl.with(action, parameter,
                    LoginActionUrl.parameter(others, parameter).orElse("")), fields));
        }

        assertNoTokenFrom("forged post of the " + form, answers.toArray(Browser.Page[]::new));
        assertReadable(answers.toArray(Browser.Page[]::new));
        Browser.Page reloaded = victim.browser().get(action);
        assertThat(reloaded.form(selector)).as("%s: the victim is still on the same step:\n%s", form, reloaded.text()).isPresent();
    }

    static void assertFramingForbidden(String what, Optional<String> frameOptions, Optional<String> contentSecurityPolicy) {
        assertThat(contentSecurityPolicy).as("%s: Content-Security-Policy", what).isPresent();
        Optional<String> ancestors = Arrays.stream(contentSecurityPolicy.get().split(";")).map(String::trim)
                .filter(directive -> directive.toLowerCase(Locale.ROOT).startsWith("frame-ancestors")).findFirst();
        assertThat(ancestors).as("%s: frame-ancestors in %s", what, contentSecurityPolicy.get()).isPresent();
        List<String> sources = Arrays.asList(ancestors.get().substring("frame-ancestors".length()).trim().split("\\s+"));
        assertThat(sources).as("%s: only the page's own origin, or nobody, may frame it", what)
                .isNotEmpty().allMatch(source -> source.equals("'none'") || source.equals("'self'"));
        assertThat(frameOptions.map(v -> v.toUpperCase(Locale.ROOT))).as("%s: X-Frame-Options for older browsers", what)
                .hasValueSatisfying(value -> assertThat(value).isIn("DENY", "SAMEORIGIN"));
    }

    private static String profileOf(TenantRealm realm) {
        return "{\"realm\":\"" + realm.name() + "\",\"tenantId\":\"" + realm.tenantId() + "\",\"appId\":\"" + realm.appId()
                + "\",\"cloud\":\"GLOBAL\",\"authorityJwksUrl\":\"" + KeycloakUnderTest.simulator().jwksUrl()
                + "\",\"factors\":[\"sfo-otp\",\"sfo-helpdesk-code\"]}";
    }
}
