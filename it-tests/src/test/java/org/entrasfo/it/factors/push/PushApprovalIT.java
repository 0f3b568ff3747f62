package org.entrasfo.it.factors.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraAssertions.assertErrorPostedToEntra;
import static org.entrasfo.it.support.EntraRoundTrip.answerOf;
import static org.entrasfo.it.support.EntraRoundTrip.eventOf;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.ForgedDeviceRequests;
import org.entrasfo.it.support.KeycloakClock;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.KeycloakVerdicts;
import org.entrasfo.it.support.RealmApplication;
import org.entrasfo.it.support.ReferenceDevices;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.pushdevice.PushDevice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The push approval factor against the real distribution, with the reference device client as the user's phone (poll
 * mode; push delivery has its own test) and the refusals the protocol promises.
 */
// Runs alone: it moves Keycloak's clock, which every other class reads.
@Isolated
class PushApprovalIT {

    static final String PUSH_FORM = "#sfo-push-form";

    private static TenantRealm realm;

    @BeforeAll
    static void realmWithPushAndEnrolmentWindow() {
        realm = pushRealm("push", Map.of());
    }

    static TenantRealm pushRealm(String prefix, Map<String, String> config) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("enrolment", "window"));
        settings.putAll(config);
        return TenantRealm.create(prefix + "-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-push"))).configure("sfo-push", settings);
    }

    static EntraUser userWithOpenWindow(TenantRealm realm) {
        return realm.newUserWithout2ndFactor(Map.of("sfo_enrolment_until", List.of(Instant.now().plusSeconds(3600).toString())));
    }

    static PushDevice newDevice(String name) {
        return ReferenceDevices.generate(name, KeycloakUnderTest.keycloak().httpClientBuilder().build());
    }

    /** Enrols a device in the SFO flow (the first sign-in of the user) and returns the device. */
    static PushDevice enrolledDevice(TenantRealm realm, EntraUser user, String name) {
        Browser browser = newBrowser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser.Page enrolment = send(browser, realm, request);
        PushDevice device = newDevice(name);
        device.enrol(enrolmentLinkOn(enrolment), null);
        FormPost answer = answerOf(browser.submit(enrolment, PUSH_FORM, Map.of("sfo-push-action", "check")));
        assertThat(answer.fields()).as("the first sign-in enrols and completes").containsKey("id_token");
        return device;
    }

    static String enrolmentLinkOn(Browser.Page page) {
        String link = ReferenceDevices.enrolmentLinkOn(page);
        assertThat(link).as("enrolment page, got:\n%s", page.text()).contains("/sfo-push/app/#enrol=");
        return link;
    }

    /** A sign-in waiting on the push page: the browser, the request and the number it shows. */
    record Waiting(Browser browser, AuthorizationRequest request, Browser.Page page, int number) {
    }

    static Waiting signInUntilThePushPage(TenantRealm realm, EntraUser user) {
        Browser browser = newBrowser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser.Page page = send(browser, realm, request);
        String number = page.document().select("#sfo-push-number").text();
        assertThat(number).as("push page with a number, got:\n%s", page.text()).matches("\\d\\d");
        return new Waiting(browser, request, page, Integer.parseInt(number));
    }

    /** What the page's script does on its own once the device answered. */
    static Browser.Page continueAfterTheDevice(Waiting waiting) {
        return waiting.browser().submit(waiting.page(), PUSH_FORM, Map.of("sfo-push-action", "check"));
    }

    static String pendingChallengeOf(PushDevice device) {
        List<PushDevice.PendingChallenge> pending = device.poll();
        assertThat(pending).as("one pending challenge").hasSize(1);
        return pending.get(0).challenge();
    }

    @Test
    void enrolsADeviceInTheFlowThenApprovesWithTheRightNumberAndEntraGetsSwk() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "Pixel of the ward");
        Waiting waiting = signInUntilThePushPage(realm, user);

        String challenge = pendingChallengeOf(device);
        PushDevice.ChallengeContext context = device.context(challenge);
        assertThat(context.numberMatching()).isEqualTo("choose");
        assertThat(context.choices()).hasSize(3).doesNotHaveDuplicates().contains(waiting.number());
        assertThat(context.body().path("application").asText()).isNotBlank();
        assertThat(context.body().path("client_ip").asText()).endsWith(".0/24");
        PushDevice.Answer approved = device.approve(challenge, waiting.number());
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().path("result").asText()).isEqualTo("approved");

        FormPost answer = answerOf(continueAfterTheDevice(waiting));
        assertThat(validate(answer, realm, waiting.request(), user.subject()).claims()).containsEntry("amr", List.of("swk"));
        JsonNode login = eventOf(realm, waiting.request(), "LOGIN").orElseThrow();
        assertThat(login.path("details").path("factor").asText()).isEqualTo("push");
        assertThat(device.poll()).as("nothing left pending").isEmpty();
    }

    @Test
    void aReloadShowsTheSameNumberAndPushesNothingNew() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "phone");
        Waiting waiting = signInUntilThePushPage(realm, user);
        String challenge = pendingChallengeOf(device);

        // What a browser's reload asks: the flow's current step again, by GET.
        Browser.Page again = waiting.browser().get(URI.create(waiting.page().form(PUSH_FORM).orElseThrow().absUrl("action")));

        assertThat(again.document().select("#sfo-push-number").text()).isEqualTo(Integer.toString(waiting.number()));
        assertThat(pendingChallengeOf(device)).isEqualTo(challenge);
    }

    @Test
    void aWrongNumberRefusesTheSignInRaisesAnEventAndCountsTowardTheLockout() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "phone");
        Waiting waiting = signInUntilThePushPage(realm, user);
        String challenge = pendingChallengeOf(device);
        int wrong = device.context(challenge).choices().stream().filter(n -> n != waiting.number()).findFirst().orElseThrow();

        PushDevice.Answer answer = device.approve(challenge, wrong);

        assertThat(answer.body().path("result").asText()).isEqualTo("wrong_number");
        Browser.Page page = continueAfterTheDevice(waiting);
        assertThat(page.text()).contains("wrong number");
        assertThat(page.document().select("#sfo-push-resend")).isNotEmpty();
        assertThat(page.formPost()).as("no token for a wrong number").isEmpty();
        JsonNode event = eventOf(realm, waiting.request(), "LOGIN_ERROR")
                .filter(e -> "sfo_push_wrong_number".equals(e.path("error").asText())).orElseThrow();
        assertThat(event.path("details").path("credential_id").asText()).isEqualTo(device.credentialId());
        KeycloakVerdicts.awaitFailures(realm, user, 1);
    }

    @Test
    void iDidNotRequestThisIsADenialTheSecurityTeamHearsAboutAndCountsTowardTheLockout() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "phone");
        Waiting waiting = signInUntilThePushPage(realm, user);

        PushDevice.Answer answer = device.deny(pendingChallengeOf(device), "not_requested");

        assertThat(answer.body().path("result").asText()).isEqualTo("denied");
        assertThat(continueAfterTheDevice(waiting).text()).contains("denied");
        assertThat(realm.keycloak().admin().events(realm.name(), "LOGIN_ERROR")).anySatisfy(e ->
                assertThat(e.path("error").asText()).isEqualTo("sfo_push_not_requested"));
        KeycloakVerdicts.awaitFailures(realm, user, 1);
    }

    @Test
    void anUnansweredChallengeNeverCountsTowardTheLockout() {
        TenantRealm quick = pushRealm("push-expiry", Map.of("challengeLifetimeSeconds", "10"));
        EntraUser user = userWithOpenWindow(quick);
        PushDevice device = enrolledDevice(quick, user, "phone");
        Waiting waiting = signInUntilThePushPage(quick, user);
        String challenge = pendingChallengeOf(device);

        // Past the challenge's 10 s on Keycloak's clock, without waiting for them.
        try (KeycloakClock later = KeycloakClock.movedForward(Duration.ofSeconds(11))) {
            PushDevice.Answer late = device.approve(challenge, waiting.number());
            assertThat(late.status()).isEqualTo(410);
            assertThat(late.body().path("error").asText()).isEqualTo("challenge_expired");
            Browser.Page page = continueAfterTheDevice(waiting);
            assertThat(page.text()).contains("expired");
            assertThat(page.formPost()).isEmpty();
            assertThat(failuresCountedWithinFiveSeconds(user, quick)).isZero();
        }
    }

    @Test
    void refusesAnApprovalSignedByAnotherKey() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "phone");
        Waiting waiting = signInUntilThePushPage(realm, user);
        String challenge = pendingChallengeOf(device);

        PushDevice.Answer forged = ForgedDeviceRequests.request(device, "approve").claim("challenge", challenge).claim("number", waiting.number())
                .signWith(newKey()).post("/sfo-push/device/challenges/" + challenge + "/response");

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body().path("error").asText()).isEqualTo("invalid_token");
        assertThat(continueAfterTheDevice(waiting).formPost()).as("still waiting, no token").isEmpty();
        assertThat(device.approve(challenge, waiting.number()).body().path("result").asText())
                .as("the real device can still answer").isEqualTo("approved");
    }

    @Test
    void refusesASignedApprovalThatDoesNotNameItsChallenge() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "phone");
        Waiting waiting = signInUntilThePushPage(realm, user);
        String challenge = pendingChallengeOf(device);
        String path = "/sfo-push/device/challenges/" + challenge + "/response";

        PushDevice.Answer unnamed = ForgedDeviceRequests.request(device, "approve").claim("number", waiting.number()).post(path);
        PushDevice.Answer otherChallenge = ForgedDeviceRequests.request(device, "approve").claim("challenge", "another-challenge")
                .claim("number", waiting.number()).post(path);
        PushDevice.Answer unnamedContext = ForgedDeviceRequests.request(device, "context").post("/sfo-push/device/challenges/" + challenge + "/context");

        assertThat(List.of(unnamed, otherChallenge, unnamedContext)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).isEqualTo("invalid_request");
        });
        assertThat(continueAfterTheDevice(waiting).formPost()).as("still waiting, no token").isEmpty();
        assertThat(device.approve(challenge, waiting.number()).body().path("result").asText())
                .as("an answer that names its challenge still counts").isEqualTo("approved");
    }

    @Test
    void aDeviceOfAnotherUserCannotSeeOrAnswerTheChallenge() {
        EntraUser alice = userWithOpenWindow(realm);
        EntraUser mallory = userWithOpenWindow(realm);
        PushDevice alicesPhone = enrolledDevice(realm, alice, "alice");
        PushDevice mallorysPhone = enrolledDevice(realm, mallory, "mallory");
        Waiting waiting = signInUntilThePushPage(realm, alice);
        String challenge = pendingChallengeOf(alicesPhone);

        PushDevice.Answer asHerself = mallorysPhone.approve(challenge, waiting.number());
        PushDevice.Answer posingAsAlice = ForgedDeviceRequests.request(mallorysPhone, "approve").subject(alicesPhone.userId())
                .claim("challenge", challenge).claim("number", waiting.number())
                .post("/sfo-push/device/challenges/" + challenge + "/response");

        assertThat(asHerself.status()).isEqualTo(404);
        assertThat(asHerself.body().path("error").asText()).isEqualTo("challenge_not_found");
        assertThat(posingAsAlice.status()).isEqualTo(401);
        assertThat(mallorysPhone.poll()).isEmpty();
        assertThat(continueAfterTheDevice(waiting).formPost()).isEmpty();
    }

    @Test
    void refusesDeviceRequestsForAnotherAudienceOrLivingTooLong() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "phone");

        PushDevice.Answer otherAudience = ForgedDeviceRequests.request(device, "poll").audience("https://elsewhere.example/realms/x").post("/sfo-push/device/requests");
        PushDevice.Answer tooLong = ForgedDeviceRequests.request(device, "poll").lifetime(java.time.Duration.ofMinutes(10)).post("/sfo-push/device/requests");
        PushDevice.Answer stale = ForgedDeviceRequests.request(device, "poll").issuedAt(Instant.now().minusSeconds(600)).post("/sfo-push/device/requests");
        PushDevice.Answer otherKid = ForgedDeviceRequests.request(device, "poll").kid("not-a-credential").post("/sfo-push/device/requests");

        assertThat(List.of(otherAudience, tooLong, stale, otherKid)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body().path("error").asText()).isEqualTo("invalid_token");
        });
        assertThat(realm.keycloak().admin().events(realm.name(), "LOGIN_ERROR")).anySatisfy(e ->
                assertThat(e.path("error").asText()).isEqualTo("sfo_push_invalid_device_request"));
        assertThat(device.poll()).as("the honest request still works").isEmpty();
    }

    /** Anonymous garbage is answered, never stored: events live in the database, so none is written for it. */
    @Test
    void answersGarbageWithAClearErrorNeverAServerErrorAndStoresNoEvent() throws Exception {
        int eventsBefore = realm.keycloak().admin().events(realm.name()).size();
        String base = realm.keycloak().realmUrl(realm.name()) + "/sfo-push";
        java.net.http.HttpClient http = KeycloakUnderTest.keycloak().httpClientBuilder().build();
        java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> post = (path, body) -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/jwt")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        assertThat(post.apply("/device/enrolments", "not a jws").statusCode()).isEqualTo(400);
        assertThat(post.apply("/device/requests", "eyJhbGciOiJub25lIn0.e30.").statusCode()).as("alg none").isEqualTo(400);
        assertThat(post.apply("/device/challenges/x/response", "a.b.c").statusCode()).isEqualTo(400);
        PushDevice.Answer forgedToken = newDevice("phone").tryEnrol(base + "/app/#enrol=eyJhbGciOiJIUzUxMiJ9.e30.c2ln", null);
        assertThat(forgedToken.status()).isEqualTo(401);
        assertThat(forgedToken.body().path("error").asText()).isEqualTo("invalid_token");
        Browser browser = newBrowser();
        assertThat(browser.get(URI.create(base + "/browser/challenges/" + "x".repeat(500) + "?watch=y")).status()).isEqualTo(404);
        assertThat(browser.get(URI.create(base + "/browser/enrolments/unknown")).status()).isEqualTo(404);
        assertThat(browser.get(URI.create(base + "/app/..%2F..%2Fpom.xml")).status()).isEqualTo(404);
        assertThat(browser.get(URI.create(base + "/app/")).body()).contains("Sign-in approvals");
        assertThat(realm.keycloak().admin().events(realm.name())).as("no event for anonymous garbage").hasSize(eventsBefore);
    }

    @Test
    void refusesAReplayedApprovalAndASecondAnswer() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "phone");
        Waiting waiting = signInUntilThePushPage(realm, user);
        String challenge = pendingChallengeOf(device);
        PushDevice.Answer first = device.approve(challenge, waiting.number());

        PushDevice.Answer replay = ForgedDeviceRequests.repost(device, first, "/sfo-push/device/challenges/" + challenge + "/response");
        PushDevice.Answer second = device.deny(challenge, "declined");

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.body().path("error_description").asText()).contains("replay");
        assertThat(second.status()).isEqualTo(409);
        assertThat(validate(answerOf(continueAfterTheDevice(waiting)), realm, waiting.request(), user.subject()).claims())
                .containsEntry("amr", List.of("swk"));
    }

    @Test
    void aNewSignInReplacesTheChallengeAndTheOldOneCannotBeApproved() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "phone");
        Waiting first = signInUntilThePushPage(realm, user);
        String old = pendingChallengeOf(device);
        Waiting second = signInUntilThePushPage(realm, user);

        PushDevice.Answer late = device.approve(old, first.number());

        assertThat(late.status()).isEqualTo(410);
        assertThat(late.body().path("error").asText()).isEqualTo("challenge_replaced");
        assertThat(continueAfterTheDevice(first).text()).contains("newer sign-in request");
        String current = pendingChallengeOf(device);
        assertThat(current).isNotEqualTo(old);
        assertThat(device.approve(current, second.number()).body().path("result").asText()).isEqualTo("approved");
        assertThat(answerOf(continueAfterTheDevice(second)).fields()).containsKey("id_token");
    }

    @Test
    void anApprovalServesOnlyTheAuthSessionOfItsChallenge() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "phone");
        Waiting first = signInUntilThePushPage(realm, user);
        String challenge = pendingChallengeOf(device);
        device.approve(challenge, first.number());
        Waiting other = signInUntilThePushPage(realm, user);

        Browser.Page otherPage = continueAfterTheDevice(other);
        String watchUrlOfTheOther = other.page().document().select(PUSH_FORM).attr("data-status-url");
        String firstsId = first.page().document().select(PUSH_FORM).attr("data-status-url").replaceAll(".*/challenges/([^?]+)\\?.*", "$1");
        Browser.Page peek = other.browser().get(URI.create(watchUrlOfTheOther.replaceAll("/challenges/[^?]+", "/challenges/" + firstsId)));

        assertThat(otherPage.formPost()).as("the other session is not signed in by the first one's approval").isEmpty();
        assertThat(peek.status()).as("another page's secret does not open this challenge").isEqualTo(404);
        assertThat(answerOf(continueAfterTheDevice(first)).fields()).containsKey("id_token");
    }

    @Test
    void theEnrolmentTokenWorksOnce() {
        EntraUser user = userWithOpenWindow(realm);
        Browser browser = newBrowser();
        Browser.Page enrolment = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        String link = enrolmentLinkOn(enrolment);
        newDevice("first").enrol(link, null);

        PushDevice second = newDevice("second");
        PushDevice.Answer reused = second.tryEnrol(link, null);

        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.body().path("error_description").asText()).contains("already used");
        assertThat(deviceNames(user)).containsExactly("first");
    }

    @Test
    void anInstalledAppEnrolsWithTheTypedCodeAndTheEnrolmentIsAnEvent() throws Exception {
        EntraUser user = userWithOpenWindow(realm);
        Browser browser = newBrowser();
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser.Page enrolment = send(browser, realm, request);
        String code = ReferenceDevices.enrolmentCodeOn(enrolment);
        assertThat(code).matches("[A-Z0-9]{5}-[A-Z0-9]{5}");

        PushDevice device = newDevice("Home screen app");
        PushDevice.Answer enrolled = device.enrolWithCode(realm.keycloak().realmUrl(realm.name()), code.toLowerCase(), null);

        assertThat(enrolled.status()).isEqualTo(201);
        assertThat(enrolled.body().path("push").asBoolean()).isFalse();
        assertThat(newDevice("second").enrolWithCode(realm.keycloak().realmUrl(realm.name()), code, null).status())
                .as("the code is spent with the enrolment").isEqualTo(401);
        assertThat(answerOf(browser.submit(enrolment, PUSH_FORM, Map.of("sfo-push-action", "check"))).fields()).containsKey("id_token");
        assertThat(realm.keycloak().admin().events(realm.name(), "UPDATE_CREDENTIAL")).anySatisfy(event -> {
            assertThat(event.path("details").path("credential_type").asText()).isEqualTo("sfo-push-device");
            assertThat(event.path("details").path("credential_id").asText()).isEqualTo(device.credentialId());
        });
        JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(deviceCredentials(realm, user).get(0).path("credentialData").asText());
        assertThat(data.path("jwk").path("crv").asText()).isEqualTo("P-256");
        assertThat(data.path("jwk").has("d")).as("only the public key is stored").isFalse();
    }

    @Test
    void refusesASubscriptionToAPushServiceTheRealmDoesNotSendTo() {
        EntraUser user = userWithOpenWindow(realm);
        Browser.Page enrolment = send(newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));
        Map<String, Object> elsewhere = org.entrasfo.pushsim.UserAgentKeys.generate()
                .subscriptionJson("https://169.254.169.254/latest/meta-data");

        PushDevice.Answer refused = newDevice("phone").tryEnrol(enrolmentLinkOn(enrolment), elsewhere);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").asText()).isEqualTo("invalid_push_subscription");
        assertThat(deviceCredentials(realm, user)).isEmpty();
    }

    @Test
    void aSubscriptionThePushServiceReportsGoneIsDroppedAndTheDevicePollsInstead() {
        EntraUser user = userWithOpenWindow(realm);
        var pushService = KeycloakUnderTest.pushService();
        String endpoint = pushService.newEndpoint();
        Browser browser = newBrowser();
        Browser.Page enrolment = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        PushDevice device = newDevice("phone");
        device.enrol(enrolmentLinkOn(enrolment), org.entrasfo.pushsim.UserAgentKeys.generate().subscriptionJson(endpoint));
        answerOf(browser.submit(enrolment, PUSH_FORM, Map.of("sfo-push-action", "check")));
        pushService.gone(endpoint);

        Waiting waiting = signInUntilThePushPage(realm, user);

        assertThat(deviceCredentials(realm, user).get(0).path("credentialData").asText()).contains("\"push\":false");
        assertThat(device.approve(pendingChallengeOf(device), waiting.number()).body().path("result").asText()).isEqualTo("approved");
        assertThat(answerOf(continueAfterTheDevice(waiting)).fields()).containsKey("id_token");
    }

    @Test
    void aFloodOfResendsIsThrottled() {
        EntraUser user = userWithOpenWindow(realm);
        PushDevice device = enrolledDevice(realm, user, "phone");
        Waiting waiting = signInUntilThePushPage(realm, user);
        Browser.Page page = waiting.page();
        for (int i = 0; i < 5; i++) {
            page = waiting.browser().submit(page, PUSH_FORM, Map.of("sfo-push-action", "resend"));
        }

        assertThat(page.text()).containsPattern("wait \\d+ seconds");
        assertThat(realm.keycloak().admin().events(realm.name(), "LOGIN_ERROR")).anySatisfy(e ->
                assertThat(e.path("error").asText()).isEqualTo("sfo_push_throttled"));
        String challenge = pendingChallengeOf(device);
        int shown = Integer.parseInt(page.document().select("#sfo-push-number").text());
        assertThat(device.approve(challenge, shown).body().path("result").asText())
                .as("the challenge still pending is the one the page shows").isEqualTo("approved");
    }

    @Test
    void typeInModeOffersNoChoices() {
        TenantRealm typed = pushRealm("push-typed", Map.of("numberMatching", "type"));
        EntraUser user = userWithOpenWindow(typed);
        PushDevice device = enrolledDevice(typed, user, "phone");
        Waiting waiting = signInUntilThePushPage(typed, user);
        String challenge = pendingChallengeOf(device);

        PushDevice.ChallengeContext context = device.context(challenge);

        assertThat(context.numberMatching()).isEqualTo("type");
        assertThat(context.choices()).isEmpty();
        assertThat(waiting.page().text()).contains("type this number");
        assertThat(device.approve(challenge, waiting.number()).body().path("result").asText()).isEqualTo("approved");
    }

    @Test
    void afterADenialTheUserMayTakeAnotherAllowedFactor() {
        TenantRealm both = TenantRealm.create("push-otp-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-otp", "sfo-push")));
        EntraUser user = both.newUser();
        // A user with a token adds the device as users with a factor do: from the Account Console, after the token.
        Browser browser = newBrowser();
        EntraRoundTrip.signIn(browser, both, user, both.requestWith(both.hintFor(user).sign()));
        RealmApplication accountConsole = RealmApplication.accountConsole(both);
        Browser.Page enrolment = EntraRoundTrip.submitCode(browser,
                accountConsole.open(browser, Map.of("kc_action", "sfo-push-enrol")), user.nextCode());
        PushDevice device = newDevice("phone");
        device.enrol(enrolmentLinkOn(enrolment), null);
        assertThat(accountConsole.actionStatusOn(browser.submit(enrolment, PUSH_FORM, Map.of("sfo-push-action", "check"))))
                .contains("success");

        AuthorizationRequest request = both.requestWith(both.hintFor(user).sign());
        Browser next = newBrowser();
        Browser.Page push = EntraRoundTrip.chooseFactor(next, tryAnotherWay(next, send(next, both, request)), "Approve on your phone");
        device.deny(pendingChallengeOf(device), "declined");
        Browser.Page denied = next.submit(push, PUSH_FORM, Map.of("sfo-push-action", "check"));
        assertThat(denied.text()).contains("denied");
        Browser.Page otp = EntraRoundTrip.chooseFactor(next, tryAnotherWay(next, denied), "Authenticator app or token");

        FormPost answer = answerOf(EntraRoundTrip.submitCode(next, otp, user.nextCode()));
        assertThat(validate(answer, both, request, user.subject()).claims()).containsEntry("amr", List.of("otp"));
    }

    private static Browser.Page tryAnotherWay(Browser browser, Browser.Page page) {
        assertThat(page.form("#kc-select-try-another-way-form")).as("try another way on:\n%s", page.text()).isPresent();
        return browser.submit(page, "#kc-select-try-another-way-form", Map.of("tryAnotherWay", "on"));
    }

    @Test
    void withoutADeviceAndWithoutAWindowEntraHearsAccessDenied() {
        EntraUser user = realm.newUserWithout2ndFactor(Map.of());
        AuthorizationRequest request = realm.requestWith(realm.hintFor(user).sign());
        Browser.Page page = send(newBrowser(), realm, request);
        assertThat(page.document().select("#sfo-push-enrol-link")).isEmpty();
        assertErrorPostedToEntra(page, realm, request, "access_denied", "sfo_no_usable_factor");
    }

    // ---- helpers ----

    private static java.security.KeyPair newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate().toKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keycloak counts failures on a background executor: proving that nothing was counted means reading the count
     * until a failure would have been counted (at most 5 s); a count that does come is returned at once.
     */
    static int failuresCountedWithinFiveSeconds(EntraUser user, TenantRealm realm) {
        var admin = realm.keycloak().admin();
        String id = realm.userId(user);
        int failures = 0;
        for (int i = 0; i < 10 && failures == 0; i++) {
            failures = admin.get("/" + realm.name() + "/attack-detection/brute-force/users/" + id).path("numFailures").asInt();
            if (failures == 0) {
                sleep(500);
            }
        }
        return failures;
    }

    static List<String> deviceNames(EntraUser user) {
        return deviceCredentials(realm, user).stream().map(c -> c.path("userLabel").asText()).toList();
    }

    static List<JsonNode> deviceCredentials(TenantRealm realm, EntraUser user) {
        var admin = realm.keycloak().admin();
        String id = realm.userId(user);
        List<JsonNode> devices = new java.util.ArrayList<>();
        admin.get("/" + realm.name() + "/users/" + id + "/credentials").forEach(c -> {
            if ("sfo-push-device".equals(c.path("type").asText())) {
                devices.add(c);
            }
        });
        return devices;
    }
}
