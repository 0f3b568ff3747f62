package org.entrasfo.it.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.FaceRealms;
import org.entrasfo.it.support.FaceServiceUnderTest;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The face factor as a deployed factor of a provisioned tenant realm, over HTTP against the run's Keycloak and the
 * real built-in face service. The challenge is drawn and kept server side, so still sample frames posted straight to
 * the form can only be refused by a verification; enrolment (which has no challenge) is what completes here. The
 * whole flow with a turning head is the Chromium test's.
 */
class FaceFactorIT {

    private static final String FORM = "#sfo-face-form";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<String> personA;
    private static List<String> personB;

    private final KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();

    @BeforeAll
    static void sampleFrames() throws IOException {
        String[] frontal = frontalFace();
        personA = frames(frontal);
        // Another person: the biggest face of another photograph, frontal or not (it is only ever refused).
        String other = "sample5.jpg".equals(frontal[0]) ? "sample2.jpg" : "sample5.jpg";
        int[] box = SampleFaces.boxes(FaceServiceUnderTest.get(), SampleFaces.photo(other)).get(0);
        personB = frames(new String[] {other, "" + box[0], "" + box[1], "" + box[2], "" + box[3]});
    }

    @Test
    void provisioningSwitchesFaceOnAndNoRepresentationOrEventShowsTheEngineKey() {
        FaceServiceUnderTest service = FaceServiceUnderTest.get();
        TenantRealm realm = FaceRealms.withFace("face-on-" + suffix());

        assertThat(requirements(realm)).containsEntry(FaceRealms.FACE, "ALTERNATIVE").containsEntry("sfo-otp", "ALTERNATIVE");
        JsonNode attributes = admin.get("/" + realm.name()).path("attributes");
        assertThat(attributes.path("sfoFaceEngineUrl").asText()).isEqualTo(service.baseUrl().toString());
        assertThat(attributes.path("sfoFaceEngineApiKey").asText()).startsWith("sealed.v1.");
        JsonNode entry = admin.get("/" + realm.name() + "/components?type=org.keycloak.services.ui.extend.UiPageProvider").path(0);
        assertThat(entry.path("config").path("faceEngineApiKey").path(0).asText()).isEqualTo("**********");
        assertThat(entry.path("config").path("faceEngineUrl").path(0).asText()).isEqualTo(service.baseUrl().toString());
        assertThat(admin.get("/" + realm.name()).toString()).doesNotContain(service.apiKey());
        assertThat(admin.get("/" + realm.name() + "/components").toString()).doesNotContain(service.apiKey());
        assertThat(admin.adminEvents(realm.name()).toString()).doesNotContain(service.apiKey());
        assertThat(admin.get("/" + realm.name() + "/events").toString()).doesNotContain(service.apiKey());
        assertThat(admin.get("/" + realm.name() + "/entra-sfo/self-test").path("findings")).anySatisfy(finding -> {
            assertThat(finding.path("rule").asText()).isEqualTo("factor-settings");
            assertThat(finding.path("status").asText()).isEqualTo("PASSED");
        });
    }

    /**
     * An admin writes an engine key as itself into the raw realm attribute, past the provisioning call: every view-realm
     * admin reads it there and Keycloak's admin event of the update recorded it. The factor does not use such a key (so
     * a leaked key does not keep working unnoticed) and the self-test names the attribute.
     */
    @Test
    void aKeyWrittenAsPlainTextIntoTheRealmAttributeIsNotUsedAndTheSelfTestNamesIt() throws IOException {
        TenantRealm realm = FaceRealms.withFace("face-plain-key-" + suffix());
        EntraUser user = enrolled(realm);
        ObjectNode rep = (ObjectNode) admin.get("/" + realm.name());
        ((ObjectNode) rep.path("attributes")).put("sfoFaceEngineApiKey", "typed-by-hand-" + suffix());
        assertThat(admin.put("/" + realm.name(), Map.of("attributes", rep.path("attributes"))).status()).isEqualTo(204);

        Browser.Page page = EntraRoundTrip.send(EntraRoundTrip.newBrowser(), realm, realm.requestWith(realm.hintFor(user).sign()));

        assertThat(page.form(FORM)).as("no face page with a plain key, got:\n%s", page.text()).isEmpty();
        assertThat(admin.get("/" + realm.name() + "/entra-sfo/self-test").path("findings")).anySatisfy(finding -> {
            assertThat(finding.path("rule").asText()).isEqualTo("factor-settings");
            assertThat(finding.path("status").asText()).isEqualTo("FAILED");
            assertThat(finding.path("detail").asText()).isEqualTo("sfo-face.faceEngineApiKey as stored");
            assertThat(finding.path("fix").asText()).contains("sfoFaceEngineApiKey", "plain text");
        });
    }

    @Test
    void refusesAnEngineUrlThatIsNotHttpAndAThresholdOutsideTheEnginesScaleNamingTheField() {
        TenantRealm realm = FaceRealms.withFace("face-refused-" + suffix());
        Map<String, Object> profile = new java.util.HashMap<>(Map.of("realm", realm.name(), "tenantId", realm.tenantId(),
                "appId", realm.appId(), "cloud", realm.cloud().name(), "authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl()));

        profile.put("factorSettings", Map.of(FaceRealms.FACE, Map.of("faceEngineUrl", "file:///etc/passwd")));
        KeycloakAdmin.Answer notHttp = admin.applyTenantRealm(profile);
        profile.put("factorSettings", Map.of(FaceRealms.FACE, Map.of("faceMatchThreshold", "0.4")));
        KeycloakAdmin.Answer tooLow = admin.applyTenantRealm(profile);

        assertThat(notHttp.status()).isEqualTo(400);
        assertThat(notHttp.body().toString()).contains("factorSettings.sfo-face.faceEngineUrl", "http or https");
        assertThat(tooLow.status()).isEqualTo(400);
        assertThat(tooLow.body().toString()).contains("factorSettings.sfo-face.faceMatchThreshold", "0.6", "0.95");
        assertThat(admin.get("/" + realm.name()).path("attributes").path("sfoFaceMatchThreshold").isMissingNode()).isTrue();
    }

    @Test
    void enrolsTheConsentingUsersFaceInsideTheWindowAndAnswersEntraWithAmrFace() throws Exception {
        TenantRealm realm = FaceRealms.withFace("face-enrol-" + suffix());
        EntraUser user = FaceRealms.userWhoMayEnrol(realm);
        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page page = EntraRoundTrip.send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        assertThat(page.form(FORM)).as("the face page, got:\n%s", page.text()).isPresent();

        FormPost answer = EntraRoundTrip.answerOf(post(browser, page, true, personA));

        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(answer.field("id_token").split("\\.")[1]));
        assertThat(claims.path("amr").toString()).isEqualTo("[\"face\"]");
        assertThat(realm.credentialTypes(user)).contains("sfo-face");
    }

    @Test
    void saysWhatIsWrongWithoutConsentAndRefusesTooManyOversizedOrNonJpegFramesBeforeDecoding() throws Exception {
        TenantRealm realm = FaceRealms.withFace("face-frames-" + suffix());
        // Keycloak's HTTP layer refuses far larger bodies itself (413): the factor's own limit is the one proved here.
        realm.configure(FaceRealms.FACE, Map.of("enrolment", "window", "faceMaxFrameKilobytes", "40"));
        EntraUser user = FaceRealms.userWhoMayEnrol(realm);
        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page page = EntraRoundTrip.send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));

        Browser.Page noConsent = post(browser, page, false, personA);
        assertThat(noConsent.text()).contains("Please agree to the face comparison first");

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            tooMany.add(personA.get(0));
        }
        String png = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(png());
        String oversized = "data:image/jpeg;base64," + "A".repeat(60 * 1024);
        for (List<String> refused : List.of(tooMany, List.of(png), List.of(oversized))) {
            Browser.Page answer = post(browser, noConsent, true, refused);
            assertThat(answer.text()).contains("The pictures could not be used");
            assertThat(answer.formPost()).isEmpty();
            noConsent = answer;
        }
        assertThat(admin.events(realm.name()).toString()).contains("sfo_face_no_consent", "sfo_face_frames_refused",
                "more than 12 frames", "frame is not a JPEG", "over 40960 bytes");
        assertThat(realm.credentialTypes(user)).doesNotContain("sfo-face");
    }

    @Test
    void anEngineThatIsDownGetsAPageNamingTheProblemAnEventAndNoToken() throws Exception {
        TenantRealm realm = FaceRealms.withFace("face-down-" + suffix());
        EntraUser user = enrolled(realm);
        FaceRealms.pointEngineAt(realm, URI.create("http://127.0.0.1:" + closedPort()), "any-key");

        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page page = EntraRoundTrip.send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        Browser.Page answer = post(browser, page, true, personA);

        assertThat(answer.text()).contains("Face comparison is not available right now", "another way");
        assertThat(answer.formPost()).isEmpty();
        assertThat(admin.events(realm.name(), "LOGIN_ERROR").toString()).contains("sfo_face_engine_unavailable");
    }

    @Test
    void anotherPersonsFaceCountsTowardLockoutAndALockedUserNeverReachesTheEngine() throws Exception {
        TenantRealm realm = FaceRealms.withFace("face-lockout-" + suffix());
        admin.put("/" + realm.name(), Map.of("failureFactor", 3));
        EntraUser user = enrolled(realm);
        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page page = EntraRoundTrip.send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));

        for (int attempt = 0; attempt < 3; attempt++) {
            page = post(browser, page, true, personB);
            assertThat(page.formPost()).isEmpty();
        }
        // Down now: a user still reaching the engine would see the engine's page, not the lockout.
        FaceRealms.pointEngineAt(realm, URI.create("http://127.0.0.1:" + closedPort()), "any-key");
        Browser.Page locked = post(browser, page, true, personA);

        // Keycloak words a locked user's page as a wrong credential (no hint to an attacker); its event says locked.
        assertThat(locked.text()).doesNotContain("Face comparison is not available");
        assertThat(locked.formPost()).isEmpty();
        assertThat(admin.events(realm.name(), "LOGIN_ERROR").toString()).contains("user_temporarily_disabled");
    }

    /**
     * Attack: a recording of one head-turn sequence waits for the draw it answers. Reloading the page, "no camera" and
     * refused frames keep the open challenge; only a try that counts toward lockout draws again.
     */
    @Test
    void reloadingTheFacePageOrSayingNoCameraDrawsNoNewChallenge() throws Exception {
        TenantRealm realm = FaceRealms.withFace("face-redraw-" + suffix());
        EntraUser user = enrolled(realm);
        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page page = EntraRoundTrip.send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        List<String> drawn = steps(page);

        for (int reload = 0; reload < 4; reload++) {
            page = browser.get(URI.create(page.form(FORM).orElseThrow(() -> new AssertionError("no face form")).absUrl("action")));
            assertThat(steps(page)).as("after a reload").isEqualTo(drawn);
        }
        URI action = URI.create(page.form(FORM).orElseThrow().absUrl("action"));
        page = browser.post(action, List.of(Map.entry("no_camera", "true")));
        assertThat(steps(page)).as("after \"no camera\"").isEqualTo(drawn);
        page = post(browser, page, true, List.of("data:image/jpeg;base64,bm90IGEganBlZw=="));
        assertThat(steps(page)).as("after refused frames").isEqualTo(drawn);
    }

    /** The head turns the page asks for, in order. */
    private static List<String> steps(Browser.Page page) {
        List<String> poses = page.document().select("#sfo-face-steps li").eachAttr("data-pose");
        assertThat(poses).as("the face page's steps:\n%s", page.text()).hasSizeGreaterThan(1);
        return poses;
    }

    /** Attack: the page's own verdict. Fields a browser adds (verdict, similarity, challenge) are never read. */
    @Test
    void aVerdictSimilarityOrChallengePostedByTheBrowserChangesNothing() throws Exception {
        TenantRealm realm = FaceRealms.withFace("face-forged-" + suffix());
        EntraUser user = enrolled(realm);
        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page page = EntraRoundTrip.send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        URI action = URI.create(page.form(FORM).orElseThrow().absUrl("action"));
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("consent", "yes"),
                Map.entry("verdict", "accepted"), Map.entry("accepted", "true"), Map.entry("similarity", "1.0"),
                Map.entry("challenge", ""), Map.entry("turns", "")));
        personB.forEach(frame -> fields.add(Map.entry("frame", frame)));

        Browser.Page answer = browser.post(action, fields);

        assertThat(answer.formPost()).as("no answer to Entra").isEmpty();
        assertThat(answer.text()).containsAnyOf("did not follow the instructions", "was not recognised");
    }

    /** A user of the realm whose face (sample person A) was enrolled through the flow, as the enrolment test does. */
    private static EntraUser enrolled(TenantRealm realm) throws IOException {
        EntraUser user = FaceRealms.userWhoMayEnrol(realm);
        Browser browser = EntraRoundTrip.newBrowser();
        Browser.Page page = EntraRoundTrip.send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        EntraRoundTrip.answerOf(post(browser, page, true, personA));
        return user;
    }

    private static Browser.Page post(Browser browser, Browser.Page page, boolean consent, List<String> frames) {
        URI action = URI.create(page.form(FORM).orElseThrow(() -> new AssertionError("no face form on:\n" + page.text())).absUrl("action"));
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        if (consent) {
            fields.add(Map.entry("consent", "yes"));
        }
        frames.forEach(frame -> fields.add(Map.entry("frame", frame)));
        return browser.post(action, fields);
    }

    /**
     * A sample face that looks straight at the camera (within 8 degrees, inside the factor's 10), as {photo, x_min,
     * y_min, x_max, y_max}: enrolment needs a frontal frame, and a still frame is all a test has.
     */
    private static String[] frontalFace() throws IOException {
        List<String[]> faces = new ArrayList<>();
        for (int i = 1; i <= 6 && faces.isEmpty(); i++) {
            String name = "sample" + i + ".jpg";
            for (JsonNode face : SampleFaces.detect(FaceServiceUnderTest.get(), SampleFaces.photo(name))) {
                JsonNode box = face.path("box");
                if (Math.abs(face.path("pose").path("yaw").asDouble(99)) < 8 && Math.abs(face.path("pose").path("pitch").asDouble(99)) < 8
                        && box.path("x_max").asInt() - box.path("x_min").asInt() >= 80) {
                    faces.add(new String[] {name, box.path("x_min").asText(), box.path("y_min").asText(), box.path("x_max").asText(), box.path("y_max").asText()});
                    break;
                }
            }
        }
        assertThat(faces).as("a frontal sample face").isNotEmpty();
        return faces.get(0);
    }

    /** Three webcam-like frames around one sample face, as the page's canvas sends them. */
    private static List<String> frames(String[] face) throws IOException {
        byte[] photo = SampleFaces.photo(face[0]);
        int[] box = {Integer.parseInt(face[1]), Integer.parseInt(face[2]), Integer.parseInt(face[3]), Integer.parseInt(face[4])};
        List<String> frames = new ArrayList<>();
        // Brightened: the frontal sample face is lit dimmer than the factor's floor for a usable frame.
        for (float light : new float[] {1.8f, 1.7f, 1.9f}) {
            frames.add("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(SampleFaces.jpeg(SampleFaces.around(photo, box, light))));
        }
        return frames;
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private Map<String, String> requirements(TenantRealm realm) {
        Map<String, String> requirements = new java.util.HashMap<>();
        admin.get("/" + realm.name() + "/authentication/flows/entra-second-factor-only/executions")
                .forEach(e -> requirements.put(e.path("providerId").asText(), e.path("requirement").asText()));
        return requirements;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
