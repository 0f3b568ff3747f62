package org.entrasfo.sfo.face;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.SecondFactorCompletion;
import org.entrasfo.sfo.GuessBudget;
import org.entrasfo.sfo.SecondFactorAuthenticator;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The face factor: the page films a few frames while the user follows head turns the server drew at random, posts them
 * to Keycloak, and only {@link FaceAttempt}'s verdict on this server completes the factor with amr {@code face}. The
 * challenge is taken out of the authentication session before the frames are judged, so each challenge answers one
 * post; a face that did not match or a challenge not followed goes through {@code failureChallenge} (brute-force
 * lockout); capture problems and an engine that cannot answer say what to do and offer another way.
 */
public class FaceAuthenticator extends SecondFactorAuthenticator {

    static final String FACTOR = "face";
    static final String FRAMES_FIELD = "frame";
    static final String CONSENT_FIELD = "consent";
    static final String CANCEL_FIELD = "cancel";
    /** The page's report that the browser has no camera or the user refused it. */
    static final String NO_CAMERA_FIELD = "no_camera";
    static final String CHALLENGE_NOTE = "entra-sfo.face.challenge";
    static final String ENROLLING_NOTE = "entra-sfo.face.enrolling";

    private final FaceAuthenticatorFactory factory;

    FaceAuthenticator(FaceAuthenticatorFactory factory) {
        super(factory, FACTOR);
        this.factory = factory;
    }

    @Override
    protected AuthenticationMethod methodFor(AuthenticationFlowContext context) {
        return AuthenticationMethod.FACE;
    }

    @Override
    protected void challenge(AuthenticationFlowContext context) {
        context.challenge(page(context, null));
    }

    @Override
    protected void startEnrolment(AuthenticationFlowContext context) {
        context.getAuthenticationSession().setAuthNote(ENROLLING_NOTE, "true");
        context.challenge(page(context, null));
    }

    @Override
    protected Response lockedOutPage(AuthenticationFlowContext context, String bruteForceError) {
        return page(context, Errors.USER_TEMPORARILY_DISABLED.equals(bruteForceError)
                ? "accountTemporarilyDisabledMessage" : "accountPermanentlyDisabledMessage");
    }

    @Override
    protected void respond(AuthenticationFlowContext context) {
        tag(context);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(CANCEL_FIELD)) {
            SecondFactorCompletion.giveUp(context, false);
            return;
        }
        String challenge = authSession.getAuthNote(CHALLENGE_NOTE);
        if (form.containsKey(NO_CAMERA_FIELD)) {
            context.getEvent().detail(EntraEvents.REASON, "no camera in the browser, or camera refused").error("sfo_face_no_camera");
            context.challenge(page(context, "sfoFaceNoCamera"));
            return;
        }
        if (!"yes".equals(form.getFirst(CONSENT_FIELD))) {
            context.getEvent().detail(EntraEvents.REASON, "no consent to face comparison").error("sfo_face_no_consent");
            context.challenge(page(context, "sfoFaceConsentMissing"));
            return;
        }
        if (authSession.getAuthNote(ENROLLING_NOTE) != null) {
            enrol(context, form.get(FRAMES_FIELD));
            return;
        }
        if (lockedOut(context)) {
            return;
        }
        verify(context, challenge, form.get(FRAMES_FIELD));
    }

    private void verify(AuthenticationFlowContext context, String challenge, List<String> frames) {
        Optional<FaceTemplate> enrolled = FaceCredentialProvider.templateOf(context.getSession(), context.getRealm(), context.getUser());
        Optional<FaceEngine> engine = factory.engineFor(context.getSession(), context.getRealm());
        if (enrolled.isEmpty() || engine.isEmpty()) {
            unavailable(context, enrolled.isEmpty() ? "enrolled face cannot be opened" : "no face engine configured");
            return;
        }
        GuessBudget guesses = new GuessBudget(context.getSession(), context.getRealm());
        if (!guesses.tryClaim(context.getUser())) {
            context.getEvent().detail(EntraEvents.REASON, "more attempts at once than the lockout allows").error(Errors.USER_TEMPORARILY_DISABLED);
            context.forceChallenge(page(context, "accountTemporarilyDisabledMessage"));
            return;
        }
        FaceOutcome outcome = new FaceAttempt(engine.get(), FrameLimits.of(context.getAuthenticatorConfig()), factory.policyFor(context.getRealm()))
                .verify(challenge, frames, enrolled.get());
        if (outcome.accepted() || outcome.countsAsFailure()) {
            // Answered: a try that counts uses its challenge up, so the same frames can never answer it again.
            context.getAuthenticationSession().removeAuthNote(CHALLENGE_NOTE);
        }
        if (!outcome.accepted() && !outcome.countsAsFailure()) {
            guesses.release(context.getUser());
        }
        if (outcome.accepted()) {
            guesses.clear(context.getUser());
            SecondFactorCompletion.succeed(context, AuthenticationMethod.FACE);
            return;
        }
        refuse(context, outcome);
    }

    /** Inside the flow only as the enrolment policy allows, asked again now; consent was given on this post. */
    private void enrol(AuthenticationFlowContext context, List<String> frames) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (FaceCredentialProvider.hasFace(context.getUser()) || !mayEnrol(context)) {
            authSession.removeAuthNote(ENROLLING_NOTE);
            SecondFactorCompletion.refuseEnrolment(context, "face enrolment no longer allowed");
            return;
        }
        Optional<FaceEngine> engine = factory.engineFor(context.getSession(), context.getRealm());
        if (engine.isEmpty()) {
            unavailable(context, "no face engine configured");
            return;
        }
        FaceAttempt.Enrolment enrolment = new FaceAttempt(engine.get(), FrameLimits.of(context.getAuthenticatorConfig()),
                factory.policyFor(context.getRealm())).enrol(frames);
        if (!enrolment.outcome().accepted()) {
            refuse(context, enrolment.outcome());
            return;
        }
        FaceCredentialProvider.enrol(context.getSession(), context.getRealm(), context.getUser(), enrolment.template(), enrolment.frames());
        authSession.removeAuthNote(ENROLLING_NOTE);
        // Consent and enrolment are one event: the user agreed on the page that posted these frames.
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).detail("credential_type", FaceCredential.TYPE)
                .detail(EntraEvents.REASON, "face enrolled in the SFO flow with the user's consent").success();
        SecondFactorCompletion.succeed(context, AuthenticationMethod.FACE);
    }

    private void refuse(AuthenticationFlowContext context, FaceOutcome outcome) {
        context.getEvent().detail(EntraEvents.REASON, outcome.reason());
        switch (outcome.kind()) {
            case ENGINE_UNAVAILABLE -> unavailable(context, outcome.reason());
            case NO_CHALLENGE, FRAMES_REJECTED -> {
                context.getEvent().error("sfo_face_frames_refused");
                context.challenge(page(context, "sfoFaceTryAgain"));
            }
            default -> {
                FaceRefusal refusal = outcome.refusal().orElseThrow();
                context.getEvent().error(refusal.error());
                if (outcome.countsAsFailure()) {
                    context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page(context, refusal.message()));
                } else {
                    context.challenge(page(context, refusal.message()));
                }
            }
        }
    }

    /** Never a refusal of the user's face: the page says so and the layout offers the other allowed factors. */
    private void unavailable(AuthenticationFlowContext context, String reason) {
        context.getEvent().detail(EntraEvents.REASON, reason).error("sfo_face_engine_unavailable");
        context.challenge(page(context, "sfoFaceEngineUnavailable"));
    }

    /**
     * The open challenge, or a fresh random one once a try that counts has used it up; kept server side, the page only
     * shows it as instructions. Reloading the page, "no camera" or refused frames draw nothing new: otherwise a
     * recording of one sequence could wait, without a try counted, for the draw it answers.
     */
    private Response page(AuthenticationFlowContext context, String error) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String open = authSession.getAuthNote(CHALLENGE_NOTE);
        FaceChallenge challenge = open != null ? FaceChallenge.decode(open) : FaceChallenge.random(FaceChallenge.DEFAULT_TURNS);
        authSession.setAuthNote(CHALLENGE_NOTE, challenge.encoded());
        return FacePage.render(context.form(), authSession, challenge, FrameLimits.of(context.getAuthenticatorConfig()),
                authSession.getAuthNote(ENROLLING_NOTE) != null, error);
    }
}
