package org.entrasfo.it.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.asksForOtp;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.send;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.submitCode;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.AttackLedger;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.FaceRealms;
import org.entrasfo.it.support.FaceServiceUnderTest;
import org.entrasfo.it.support.KeycloakClock;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.LoginActionUrl;
import org.entrasfo.it.support.RealmApplication;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Setting up a face ({@code sfo-face-register}) against the real Keycloak and the real built-in face service, over
 * HTTP with frames cut from the sample photographs: only right after the user passed a factor of theirs in this
 * sign-in; consent and enrolment one event without any frame or template in it; one face per user, a second
 * enrolment replacing the first; removed by the user from the Account Console (after a fresh factor) and by the admin,
 * each with its event.
 */
// Runs alone: it moves Keycloak's clock, which every other class reads.
@Isolated
class FaceEnrolmentIT {

    private static final KeycloakAdmin ADMIN = KeycloakUnderTest.keycloak().admin();
    private static final String ACTION = "sfo-face-register";
    private static final String FACE_FORM = "#sfo-face-form";

    private static TenantRealm realm;
    /** Frames of one person looking at the camera, as the page films them (640x480 JPEG). */
    private static List<byte[]> alice;
    private static List<byte[]> aliceInDimmerLight;

    @BeforeAll
    static void realmWithTheBuiltInEngineAndTheEnrolmentAction() throws IOException {
        FaceServiceUnderTest service = FaceServiceUnderTest.get();
        realm = TenantRealm.create("face-enrol-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        // The engine as an admin sets it (the key stored sealed); the face step stays off, only the action is offered.
        FaceRealms.pointEngineAt(realm, service.baseUrl(), service.apiKey());
        assertThat(ADMIN.get("/" + realm.name()).path("attributes").path("sfoFaceEngineApiKey").asText()).startsWith("sealed.v1.");
        // Provisioning enables a factor's enrolment action while its step is on; the face step is not offered yet.
        assertThat(ADMIN.post("/" + realm.name() + "/authentication/register-required-action",
                Map.of("providerId", ACTION, "name", "Set up face")).status()).isEqualTo(204);
        assertThat(ADMIN.get("/" + realm.name() + "/authentication/required-actions/" + ACTION).path("enabled").asBoolean()).isTrue();

        byte[] photo = SampleFaces.photo("sample5.jpg");
        // The second largest face of this photograph looks straight at the camera (yaw and pitch within 5 degrees) from
        // the shade of a stairwell (mean luminance 0.17): lit as a desk lamp would, it is bright enough to be judged.
        int[] box = SampleFaces.boxes(service, photo).get(1);
        alice = List.of(frame(photo, box, 1.6f), frame(photo, box, 1.5f), frame(photo, box, 1.7f));
        aliceInDimmerLight = List.of(frame(photo, box, 1.4f), frame(photo, box, 1.45f));
    }

    @Test
    void setsUpAFaceRightAfterTheUsersFactorAndASecondEnrolmentReplacesTheFirst() {
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        RealmApplication accountConsole = RealmApplication.accountConsole(realm);

        Browser.Page enrolment = facePageAfterAFreshFactor(browser, accountConsole, user);
        assertThat(enrolment.document().select("#sfo-face-intro").text()).startsWith("Set up your face");
        assertThat(enrolment.document().select("label[for=sfo-face-consent]").text()).contains("template", "until I remove it");
        Browser.Page back = postFrames(browser, enrolment, true, alice);

        assertThat(accountConsole.actionStatusOn(back)).as("back in the console:\n%s", back.text()).contains("success");
        JsonNode first = onlyFaceOf(user).orElseThrow();
        assertThat(first.path("credentialData").asText()).as("what is kept besides the sealed template")
                .contains("\"frames\":3").doesNotContain("/9j/");
        JsonNode enrolled = enrolmentEvents(user).get(0);
        assertThat(enrolled.path("details").path("credential_id").asText()).isEqualTo(first.path("id").asText());
        assertThat(enrolled.path("details").path("consent").asText()).isEqualTo("given on the enrolment page");
        assertThat(enrolled.path("details").path("fresh_factor").asText()).isEqualTo("otp");

        RealmApplication.letThisSecondPass();
        Browser.Page again = facePageAfterAFreshFactor(browser, accountConsole, user);
        assertThat(accountConsole.actionStatusOn(postFrames(browser, again, true, aliceInDimmerLight))).contains("success");

        JsonNode second = onlyFaceOf(user).orElseThrow();
        assertThat(second.path("id").asText()).isNotEqualTo(first.path("id").asText());
        assertThat(ADMIN.events(realm.name(), "REMOVE_CREDENTIAL")).anySatisfy(removed -> {
            assertThat(removed.path("userId").asText()).isEqualTo(realm.userId(user));
            assertThat(removed.path("details").path("credential_id").asText()).isEqualTo(first.path("id").asText());
            assertThat(removed.path("details").path("reason").asText()).contains("replaced");
        });
        assertThat(enrolmentEvents(user)).hasSize(2);
        assertNoFrameInAnyEventOf(user);
    }

    @Test
    void theUserRemovesTheirFaceFromTheAccountConsoleAfterAFreshFactorAndTheAdminCanToo() {
        EntraUser user = realm.newUser();
        Browser browser = newBrowser();
        signIn(browser, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        RealmApplication accountConsole = RealmApplication.accountConsole(realm);
        postFrames(browser, facePageAfterAFreshFactor(browser, accountConsole, user), true, alice);
        String faceId = onlyFaceOf(user).orElseThrow().path("id").asText();

        RealmApplication.letThisSecondPass();
        Browser.Page factor = accountConsole.open(browser, Map.of("kc_action", "delete_credential:" + faceId));
        assertThat(asksForOtp(factor)).as("a fresh factor before removing the face, got:\n%s", factor.text()).isTrue();
        Browser.Page confirm = submitCode(browser, factor, user.nextCode());
        assertThat(confirm.text()).contains("Face");
        Browser.Page removed = browser.submit(confirm, "form", Map.of("accept", "Delete"));

        assertThat(accountConsole.actionStatusOn(removed)).as(removed.text()).contains("success");
        assertThat(onlyFaceOf(user)).isEmpty();
        assertThat(ADMIN.events(realm.name(), "REMOVE_CREDENTIAL")).anySatisfy(event -> {
            assertThat(event.path("userId").asText()).isEqualTo(realm.userId(user));
            assertThat(event.path("details").path("credential_type").asText()).isEqualTo("sfo-face");
            assertThat(event.path("details").path("credential_id").asText()).isEqualTo(faceId);
        });

        RealmApplication.letThisSecondPass();
        postFrames(browser, facePageAfterAFreshFactor(browser, accountConsole, user), true, alice);
        String again = onlyFaceOf(user).orElseThrow().path("id").asText();
        assertThat(ADMIN.delete("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials/" + again).status()).isEqualTo(204);
        assertThat(onlyFaceOf(user)).isEmpty();
        assertThat(ADMIN.adminEvents(realm.name())).anySatisfy(event -> {
            assertThat(event.path("resourcePath").asText()).endsWith("/credentials/" + again);
            assertThat(event.path("details").path("credential_type").asText()).isEqualTo("sfo-face");
        });
        assertNoFrameInAnyEventOf(user);
    }

    /**
     * Someone at a browser where the user is signed in (an SSO session an Entra transaction left, for another client)
     * starts "Set up face" from the Account Console: Keycloak asks for a fresh factor, a wrong code shows no face page,
     * and frames posted to the enrolment step's address without it store nothing.
     */
    @Test
    void anSsoSessionFromAnotherClientCannotAddAFaceWithoutAFreshFactor() {
        EntraUser user = realm.newUser();
        Browser shared = newBrowser();
        signIn(shared, realm, user, realm.requestWith(realm.hintFor(user).sign()));
        RealmApplication.letThisSecondPass();
        RealmApplication accountConsole = RealmApplication.accountConsole(realm);

        Browser.Page factor = accountConsole.open(shared, Map.of("kc_action", ACTION));
        assertThat(asksForOtp(factor)).as("a fresh factor first, got:\n%s", factor.text()).isTrue();
        assertThat(factor.form(FACE_FORM)).isEmpty();
        Browser.Page wrong = submitCode(shared, factor, user.wrongCode());
        assertThat(wrong.form(FACE_FORM)).as("a wrong code opens no face page:\n%s", wrong.text()).isEmpty();
        URI enrolmentStep = LoginActionUrl.with(URI.create(LoginActionUrl.of(wrong, EntraRoundTrip.OTP_FORM).toString()
                .replace("/login-actions/authenticate", "/login-actions/required-action")), "execution", ACTION);
        Browser.Page forged = shared.post(enrolmentStep, frameFields(true, alice));

        assertThat(forged.form(FACE_FORM)).isEmpty();
        assertThat(accountConsole.actionStatusOn(forged)).isNotEqualTo(Optional.of("success"));
        assertThat(forged.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(onlyFaceOf(user)).isEmpty();
        AttackLedger.assertNoTokenFrom("face enrolment on an SSO session alone", forged);
    }

    /**
     * An admin asked the user to set up a face: the page follows the Entra sign-in's factor. Left open past the
     * enrolment's three minutes, with the factor older than the two the guard allows, its frames add no face and no
     * token goes to Entra; the event says why.
     */
    @Test
    void aFactorPassedLongerAgoThanTheWindowAddsNoFace() {
        EntraUser user = realm.newUser();
        askToSetUpAFace(user);
        Browser browser = newBrowser();
        Browser.Page factor = send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        Browser.Page enrolment = submitCode(browser, factor, user.nextCode());
        assertThat(enrolment.form(FACE_FORM)).as("the face page after the factor:\n%s", enrolment.text()).isPresent();

        Browser.Page late;
        try (KeycloakClock later = KeycloakClock.movedForward(Duration.ofSeconds(200))) {
            late = postFrames(browser, enrolment, true, alice);
        }

        assertThat(late.form(FACE_FORM)).isEmpty();
        assertThat(onlyFaceOf(user)).isEmpty();
        AttackLedger.assertNoTokenFrom("face enrolment after the factor's window", late);
        assertThat(ADMIN.events(realm.name(), "CUSTOM_REQUIRED_ACTION_ERROR")).anySatisfy(event -> {
            assertThat(event.path("userId").asText()).isEqualTo(realm.userId(user));
            assertThat(event.path("error").asText()).isEqualTo("sfo_fresh_factor_required");
            assertThat(event.path("details").path("custom_required_action").asText()).isEqualTo(ACTION);
        });
    }

    /** Capture problems and a missing consent keep the page with a reason the user can act on; nothing is stored. */
    @Test
    void framesWithoutAFaceOrWithoutConsentStoreNothingAndSayWhy() throws IOException {
        EntraUser user = realm.newUser();
        askToSetUpAFace(user);
        Browser browser = newBrowser();
        Browser.Page enrolment = submitCode(browser, send(browser, realm, realm.requestWith(realm.hintFor(user).sign())), user.nextCode());

        Browser.Page withoutConsent = postFrames(browser, enrolment, false, alice);
        assertThat(withoutConsent.text()).contains("Please agree");
        Browser.Page noFace = postFrames(browser, withoutConsent, true, List.of(SampleFaces.jpeg(grey())));
        assertThat(noFace.text()).contains("No face was seen");
        assertThat(noFace.form(FACE_FORM)).isPresent();

        assertThat(onlyFaceOf(user)).isEmpty();
        assertThat(ADMIN.events(realm.name(), "CUSTOM_REQUIRED_ACTION_ERROR")).extracting(e -> e.path("error").asText())
                .contains("sfo_face_no_consent", "sfo_face_no_face");
        assertNoFrameInAnyEventOf(user);
    }

    private static Browser.Page facePageAfterAFreshFactor(Browser browser, RealmApplication accountConsole, EntraUser user) {
        Browser.Page factor = accountConsole.open(browser, Map.of("kc_action", ACTION));
        assertThat(asksForOtp(factor)).as("a fresh factor first, got:\n%s", factor.text()).isTrue();
        Browser.Page page = submitCode(browser, factor, user.nextCode());
        assertThat(page.form(FACE_FORM)).as("the face page after the factor:\n%s", page.text()).isPresent();
        return page;
    }

    private static Browser.Page postFrames(Browser browser, Browser.Page facePage, boolean consent, List<byte[]> frames) {
        String action = facePage.form(FACE_FORM).orElseThrow().absUrl("action");
        return browser.post(URI.create(action), frameFields(consent, frames));
    }

    /** What the page's script posts: the consent box, then one data URL per filmed frame. */
    private static List<Map.Entry<String, String>> frameFields(boolean consent, List<byte[]> frames) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        if (consent) {
            fields.add(Map.entry("consent", "yes"));
        }
        frames.forEach(frame -> fields.add(Map.entry("frame", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(frame))));
        return fields;
    }

    private static void askToSetUpAFace(EntraUser user) {
        String id = realm.userId(user);
        JsonNode rep = ADMIN.get("/" + realm.name() + "/users/" + id);
        ((com.fasterxml.jackson.databind.node.ObjectNode) rep).putArray("requiredActions").add(ACTION);
        assertThat(ADMIN.put("/" + realm.name() + "/users/" + id, rep).status()).isEqualTo(204);
    }

    private static Optional<JsonNode> onlyFaceOf(EntraUser user) {
        List<JsonNode> faces = new ArrayList<>();
        ADMIN.get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials").forEach(c -> {
            if ("sfo-face".equals(c.path("type").asText())) {
                faces.add(c);
            }
        });
        assertThat(faces).as("one face per user").hasSizeLessThanOrEqualTo(1);
        return faces.stream().findFirst();
    }

    private static List<JsonNode> enrolmentEvents(EntraUser user) {
        return ADMIN.events(realm.name(), "UPDATE_CREDENTIAL").stream()
                .filter(e -> realm.userId(user).equals(e.path("userId").asText()))
                .filter(e -> "sfo-face".equals(e.path("details").path("credential_type").asText())).toList();
    }

    /** No frame (JPEG in Base64 begins with /9j/) and nothing template-sized in any event of the user. */
    private static void assertNoFrameInAnyEventOf(EntraUser user) {
        ADMIN.events(realm.name()).stream().filter(e -> realm.userId(user).equals(e.path("userId").asText())).forEach(event ->
                event.path("details").fields().forEachRemaining(detail -> assertThat(detail.getValue().asText())
                        .as("%s of %s", detail.getKey(), event.path("type").asText())
                        .doesNotContain("/9j/").doesNotContain("data:image").hasSizeLessThan(300)));
    }

    private static byte[] frame(byte[] photo, int[] box, float light) throws IOException {
        return SampleFaces.jpeg(SampleFaces.around(photo, box, light));
    }

    private static BufferedImage grey() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        return image;
    }
}
