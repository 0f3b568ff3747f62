package org.entrasfo.it.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.IdTokenValidator;
import org.entrasfo.it.support.Browser;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.FaceRealms;
import org.entrasfo.it.support.RealmApplication;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.sfo.face.HeadPose;
import org.entrasfo.it.support.ChallengeFilm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The face factor as a person lives it: Entra's request opens the face page in headless Chromium, the page shows the
 * head turns the server drew, the fake camera plays a film of a person ({@link HeadTurnFrames}) and the page's own
 * script films and posts it, and only Keycloak's verdict answers Entra. The person whose face is enrolled, following
 * the challenge, gets Entra an id_token with amr {@code face}; another person, a still picture of the enrolled person
 * and a replayed capture do not; an engine that is down sends the user to their other factor. One Chromium for the
 * class (its camera's film is rewritten for each attempt), each test a new user; the replay test replays the sign-in
 * test's accepted frames when that ran first, and films an accepted sign-in of its own otherwise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(ChallengeFilm.TIMING_LOCK)
class FaceSignInIT {

    private static final String FACE_FORM = "#sfo-face-form";

    private static TenantRealm realm;
    private static FaceSignInBrowser chromium;
    /** The sign-in test's accepted attempt, which the replay test replays (filming one costs ten seconds). */
    private static AcceptedSignIn accepted;

    /** An accepted face sign-in: whose, the turns it answered and the frames the page posted for them. */
    private record AcceptedSignIn(EntraUser user, List<HeadPose> turns, List<String> frames) {
    }

    @BeforeAll
    static void aFaceRealmAndOneChromiumWithACamera() {
        realm = FaceRealms.withFace("face-signin-" + suffix());
        chromium = new FaceSignInBrowser();
    }

    @AfterAll
    static void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void theNextPersonAtTheBrowser() {
        chromium.forgetCookies();
    }

    @Test
    @Order(1)
    void aPersonWhoSetUpTheirFaceInTheFlowSignsInByFollowingTheChallengeAndEntraGetsAmrFace() {
        EntraUser user = FaceRealms.userWhoMayEnrol(realm);
        // Enrolment has no challenge to follow: looking at the camera is what it takes.
        AuthorizationRequest enrolment = chromium.facePage(realm, user);
        chromium.holdStill(HeadTurnFrames.FIRST);
        assertFaceAccepted(chromium.answerToEntra(), enrolment, user);
        assertThat(realm.credentialTypes(user)).contains(FaceRealms.FACE);

        AuthorizationRequest signIn = chromium.facePage(realm, user);
        List<HeadPose> turns = chromium.challenge();
        assertThat(turns).as("the server's random head turns").hasSize(3);
        List<String> posted = chromium.followTheChallengeRecordingThePost(HeadTurnFrames.FIRST);

        assertFaceAccepted(chromium.answerToEntra(), signIn, user);
        accepted = new AcceptedSignIn(user, turns, posted);
    }

    /** Attack: someone else's face, moving exactly as asked. Liveness passes; the face is not the user's. */
    @Test
    void anotherPersonFollowingTheChallengeIsNotRecognisedAndEntraGetsNothing() {
        EntraUser user = setUpFaceOverHttp(realm, FaceRealms.userWhoMayEnrol(realm), null);
        AuthorizationRequest request = chromium.facePage(realm, user);
        chromium.followTheChallenge(HeadTurnFrames.SECOND);

        assertRefused(request, "Your face was not recognised", "invalid_user_credentials", "face does not match the enrolled face");
    }

    /** Attack: a photograph of the user held to the camera. The face matches; the head never turns. */
    @Test
    void aStillPictureOfTheEnrolledPersonFailsLivenessAndEntraGetsNothing() {
        EntraUser user = setUpFaceOverHttp(realm, FaceRealms.userWhoMayEnrol(realm), null);
        AuthorizationRequest request = chromium.facePage(realm, user);
        chromium.holdStill(HeadTurnFrames.FIRST);

        assertRefused(request, "did not follow the instructions", "sfo_face_challenge_not_followed",
                "head movements did not follow the challenge");
    }

    /**
     * Attack: the frames the page posted in an accepted sign-in, recorded and posted again into a new sign-in. The
     * new attempt drew other turns, so the recording answers a challenge that is no longer asked.
     */
    @Test
    @Order(2)
    void framesOfAnAcceptedSignInReplayedIntoANewSignInWithOtherTurnsAreRefused() {
        AcceptedSignIn recorded = accepted != null ? accepted : anAcceptedSignIn();

        AuthorizationRequest replay = chromium.facePage(realm, recorded.user());
        // The same draw comes once in 36: that attempt proves nothing about replay, so the next one is taken.
        while (chromium.challenge().equals(recorded.turns())) {
            replay = chromium.facePage(realm, recorded.user());
        }
        chromium.postAsThisPagesFrames(recorded.frames());

        assertRefused(replay, "did not follow the instructions", "sfo_face_challenge_not_followed",
                "head movements did not follow the challenge");
    }

    /**
     * Attack: a face rendered turning from one photo of its owner passes the check (the tests' own films are made so).
     * It must not also let whoever holds the photo replace the face, or add a factor, and stay signed in for good: a
     * face passed in the sign-in is no fresh factor for an enrolment action.
     */
    @Test
    void aFacePassedInTheSignInDoesNotLetTheFaceBeReplaced() {
        EntraUser user = setUpFaceOverHttp(realm, FaceRealms.userWhoMayEnrol(realm), null);
        assertThat(realm.keycloak().admin().put("/" + realm.name() + "/users/" + realm.userId(user),
                Map.of("requiredActions", List.of("sfo-face-register"))).status()).isEqualTo(204);

        AuthorizationRequest request = chromium.facePage(realm, user);
        chromium.followTheChallenge(HeadTurnFrames.FIRST);

        String page = chromium.answerPage();
        assertThat(chromium.formPostToEntra().map(post -> post.fields().containsKey("id_token")).orElse(false))
                .as("no id_token to Entra, got:\n%s", page).isFalse();
        assertThat(realm.keycloak().admin().get("/" + realm.name() + "/users/" + realm.userId(user)).path("requiredActions").toString())
                .as("the face still to be set up again after a factor that is not a face").contains("sfo-face-register");
        JsonNode event = EntraRoundTrip.eventOf(realm, request, "CUSTOM_REQUIRED_ACTION_ERROR")
                .orElseThrow(() -> new AssertionError("no CUSTOM_REQUIRED_ACTION_ERROR event for the request"));
        assertThat(event.path("error").asText()).isEqualTo("sfo_fresh_factor_required");
        assertThat(event.path("details").path("reason").asText()).isEqualTo("a face passed in this sign-in does not allow adding or replacing a factor");
    }

    /**
     * Attack: whoever passes the user's face (one photo rendered turning does) opens the Account Console's "Remove" on
     * the user's OTP. Keycloak's delete_credential asks the flow to authenticate again, and the face the user passed
     * last would come first: a face does not confirm a change of factors, so the OTP is asked for and the face is
     * neither offered nor reachable by a forged choice.
     */
    @Test
    void aFaceDoesNotConfirmRemovingTheUsersOtherFactor() {
        Browser browser = EntraRoundTrip.newBrowser();
        EntraUser user = setUpFaceOverHttp(realm, realm.newUser(), "sfo-face-register", browser);

        RealmApplication.letThisSecondPass();
        Browser.Page page = RealmApplication.accountConsole(realm)
                .open(browser, Map.of("kc_action", "delete_credential:" + credentialIdOf(user, "otp")));

        assertThat(page.form(FACE_FORM)).as("no face page to confirm the removal, got:\n%s", page.text()).isEmpty();
        assertThat(EntraRoundTrip.asksForOtp(page)).as("the OTP confirms it, got:\n%s", page.text()).isTrue();
        assertThat(page.document().select("#try-another-way")).as("no other way to the face").isEmpty();
        // Forged: the selection Keycloak's "try another way" page would post, naming the face step.
        String action = page.form("#sfo-otp-form").orElseThrow().absUrl("action");
        Browser.Page forged = browser.post(URI.create(action), Map.of("authenticationExecution", faceExecutionId()));
        assertThat(forged.form(FACE_FORM)).as("no face page through a forged choice, got:\n%s", forged.text()).isEmpty();
        assertThat(realm.credentialTypes(user)).contains("otp", FaceRealms.FACE);
    }

    /** A user whose only factor is a face cannot remove it with it either: the page says the help desk does it. */
    @Test
    void aUserWhoseOnlyFactorIsAFaceIsToldTheHelpDeskChangesIt() {
        Browser browser = EntraRoundTrip.newBrowser();
        EntraUser user = setUpFaceOverHttp(realm, FaceRealms.userWhoMayEnrol(realm), null, browser);

        RealmApplication.letThisSecondPass();
        Browser.Page page = RealmApplication.accountConsole(realm)
                .open(browser, Map.of("kc_action", "delete_credential:" + credentialIdOf(user, FaceRealms.FACE)));

        assertThat(page.form(FACE_FORM)).as("no face page to confirm the removal, got:\n%s", page.text()).isEmpty();
        assertThat(page.text()).contains("A face check cannot confirm a change to how you sign in");
        assertThat(realm.credentialTypes(user)).contains(FaceRealms.FACE);
        assertThat(realm.keycloak().admin().events(realm.name(), "LOGIN_ERROR")).anySatisfy(event -> {
            assertThat(event.path("userId").asText()).isEqualTo(realm.userId(user));
            assertThat(event.path("details").path("reason").asText()).contains("does not confirm a change to the user's factors");
        });
    }

    /** The engine is down: no refusal of the user's face, no token; the page says so and the user's OTP still works. */
    @Test
    void withTheEngineDownThePageSaysSoAndTheUsersOtherFactorAnswersEntra() {
        TenantRealm down = FaceRealms.withFace("face-signin-down-" + suffix());
        EntraUser user = setUpFaceOverHttp(down, down.newUser(), "sfo-face-register");
        FaceRealms.pointEngineAt(down, URI.create("http://127.0.0.1:" + closedPort()), "any-key");

        // The factor the user passed last (the face they just set up) comes first.
        AuthorizationRequest request = chromium.facePage(down, user);
        chromium.holdStill(HeadTurnFrames.FIRST);
        String page = chromium.answerPage();
        assertThat(page).as("screenshot %s", chromium.screenshot("face-engine-down"))
                .contains("Face comparison is not available right now");
        assertThat(chromium.formPostToEntra()).isEmpty();
        assertThat(chromium.offersAnotherWay()).as("Keycloak's \"Try another way\" on the face page").isTrue();
        assertThat(EntraRoundTrip.eventOf(down, request, "LOGIN_ERROR").orElseThrow().path("error").asText())
                .isEqualTo("sfo_face_engine_unavailable");

        chromium.tryAnotherWay("sfo-otp");
        chromium.enterCode(user.nextCode());

        IdTokenValidator.Result token = EntraRoundTrip.validate(chromium.answerToEntra(), down, request, user.subject());
        assertThat(token.violations()).isEmpty();
        assertThat(token.claims()).containsEntry("amr", List.of("otp"));
    }

    /** An accepted face sign-in of its own, for the replay test run alone. */
    private static AcceptedSignIn anAcceptedSignIn() {
        EntraUser user = setUpFaceOverHttp(realm, FaceRealms.userWhoMayEnrol(realm), null);
        AuthorizationRequest request = chromium.facePage(realm, user);
        List<HeadPose> turns = chromium.challenge();
        List<String> posted = chromium.followTheChallengeRecordingThePost(HeadTurnFrames.FIRST);
        assertFaceAccepted(chromium.answerToEntra(), request, user);
        return new AcceptedSignIn(user, turns, posted);
    }

    /** The answer Entra accepts (contract 4), with amr face and the acr the request asked for. */
    private static void assertFaceAccepted(FormPost answer, AuthorizationRequest request, EntraUser user) {
        IdTokenValidator.Result token = EntraRoundTrip.validate(answer, realm, request, user.subject());
        assertThat(token.violations()).isEmpty();
        assertThat(token.claims()).containsEntry("amr", List.of("face")).containsEntry("acr", "possessionorinherence");
    }

    /** The face page again with a reason the user reads, nothing for Entra, and the event an admin reads. */
    private static void assertRefused(AuthorizationRequest request, String pageSays, String error, String reason) {
        String page = chromium.answerPage();
        assertThat(page).contains(pageSays);
        assertThat(chromium.formPostToEntra()).isEmpty();
        JsonNode event = EntraRoundTrip.eventOf(realm, request, "LOGIN_ERROR")
                .orElseThrow(() -> new AssertionError("no LOGIN_ERROR event for the request"));
        assertThat(event.path("error").asText()).isEqualTo(error);
        assertThat(event.path("details").path("reason").asText()).isEqualTo(reason);
    }

    /**
     * Sets the person's face up over HTTP with their frontal frame, so the test's Chromium films only what it proves:
     * in the flow (a user who may enrol) or, with {@code requiredAction}, right after their OTP code.
     */
    private static EntraUser setUpFaceOverHttp(TenantRealm realm, EntraUser user, String requiredAction) {
        return setUpFaceOverHttp(realm, user, requiredAction, EntraRoundTrip.newBrowser());
    }

    /** As above, in the given browser, which keeps the SSO session of that sign-in. */
    private static EntraUser setUpFaceOverHttp(TenantRealm realm, EntraUser user, String requiredAction, Browser browser) {
        if (requiredAction != null) {
            assertThat(realm.keycloak().admin().put("/" + realm.name() + "/users/" + realm.userId(user),
                    Map.of("requiredActions", List.of(requiredAction))).status()).isEqualTo(204);
        }
        Browser.Page page = EntraRoundTrip.send(browser, realm, realm.requestWith(realm.hintFor(user).sign()));
        if (requiredAction != null) {
            page = EntraRoundTrip.submitCode(browser, page, user.nextCode());
        }
        URI action = URI.create(page.form(FACE_FORM).orElseThrow(() -> new AssertionError("no face page")).absUrl("action"));
        String frontal = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(
                HeadTurnFrames.of(HeadTurnFrames.FIRST).get(HeadPose.FRONT));
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("consent", "yes"),
                Map.entry("frame", frontal)));
        EntraRoundTrip.answerOf(browser.post(action, fields));
        assertThat(realm.credentialTypes(user)).contains(FaceRealms.FACE);
        return user;
    }

    private static String credentialIdOf(EntraUser user, String type) {
        for (JsonNode credential : realm.keycloak().admin().get("/" + realm.name() + "/users/" + realm.userId(user) + "/credentials")) {
            if (type.equals(credential.path("type").asText())) {
                return credential.path("id").asText();
            }
        }
        throw new AssertionError("no " + type + " credential");
    }

    private static String faceExecutionId() {
        for (JsonNode execution : realm.keycloak().admin().get("/" + realm.name() + "/authentication/flows/entra-second-factor-only/executions")) {
            if (FaceRealms.FACE.equals(execution.path("providerId").asText())) {
                return execution.path("id").asText();
            }
        }
        throw new AssertionError("no face step in the flow");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
