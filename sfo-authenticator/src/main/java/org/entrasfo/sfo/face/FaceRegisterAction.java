package org.entrasfo.sfo.face;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.FreshFactor;
import org.entrasfo.factor.transaction.LastFactor;
import org.entrasfo.sfo.CredentialChangeGuard;
import org.entrasfo.sfo.face.remote.RemoteEngineSettings;
import org.entrasfo.sfo.face.remote.RemoteFaceEngine;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Sets up the user's face from the Account Console ("Set up face", {@code kc_action=sfo-face-register}) or when an
 * admin asks a user to. Allowed only right after the user passed an existing second factor of theirs in this sign-in
 * ({@link CredentialChangeGuard}); an SSO session alone, however it was made, gets the guard's refusal. The page is the
 * factor's own in enrolment mode; the frames posted with the consent box ticked make the template
 * ({@link FaceAttempt#enrol}), which is sealed and stored as the user's one face, replacing an earlier one. Consent and
 * enrolment are one event; a replaced face is a removal event of its own. No frame is kept.
 */
public class FaceRegisterAction implements RequiredActionProvider, CredentialRegistrator {

    /**
     * Until when the page a guarded challenge opened may post its frames: time to read, consent and film, counted
     * from the first page, so reloading does not lengthen it; later, only a factor still fresh opens a new one.
     */
    static final String ENROLMENT_NOTE = "entra-sfo.face.enrol-until";
    static final int ENROLMENT_SECONDS = 180;

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    /** What this action registers, so Keycloak's step-up rules for a credential type apply to it too. */
    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authenticationSession) {
        return FaceCredential.TYPE;
    }

    /** Started from the Account Console, Keycloak always asks for a fresh factor first. */
    @Override
    public int getMaxAuthAge(KeycloakSession session) {
        return CredentialChangeGuard.ALWAYS_AUTHENTICATE_AGAIN;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (!CredentialChangeGuard.allows(context, FaceRegisterActionFactory.PROVIDER_ID)) {
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!enrolmentOpen(authSession)) {
            authSession.setAuthNote(ENROLMENT_NOTE, Long.toString(Time.currentTime() + ENROLMENT_SECONDS));
        }
        context.challenge(page(context, null));
    }

    /**
     * Frames are taken only while the page a guarded challenge opened is within its time; a later post gets a new page
     * if the factor is still fresh, and the guard's refusal otherwise. Capture problems and an engine that cannot
     * answer keep the page open with a message; nothing is stored until the engine accepted the frames.
     */
    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(FaceAuthenticator.CANCEL_FIELD)) {
            // An action an admin set (the Account Console's own cancel is Keycloak's cancel-aia): no face, no token.
            authSession.removeAuthNote(ENROLMENT_NOTE);
            context.failure();
            return;
        }
        if (!enrolmentOpen(authSession)) {
            authSession.removeAuthNote(ENROLMENT_NOTE);
            requiredActionChallenge(context);
            return;
        }
        if (form.containsKey(FaceAuthenticator.NO_CAMERA_FIELD)) {
            refusal(context, "no camera in the browser, or camera refused").error("sfo_face_no_camera");
            context.challenge(page(context, "sfoFaceEnrolNoCamera"));
            return;
        }
        if (!"yes".equals(form.getFirst(FaceAuthenticator.CONSENT_FIELD))) {
            refusal(context, "no consent to keeping a face template").error("sfo_face_no_consent");
            context.challenge(page(context, "sfoFaceConsentMissing"));
            return;
        }
        enrol(context, form.get(FaceAuthenticator.FRAMES_FIELD));
    }

    private void enrol(RequiredActionContext context, List<String> frames) {
        Optional<FaceEngine> engine = engineFor(context.getSession(), context.getRealm());
        if (engine.isEmpty()) {
            unavailable(context, "no face engine configured");
            return;
        }
        FaceAttempt.Enrolment enrolment = new FaceAttempt(engine.get(), limitsOf(context.getRealm()), RemoteEngineSettings.policyOf(context.getRealm()))
                .enrol(frames);
        FaceOutcome outcome = enrolment.outcome();
        if (!outcome.accepted()) {
            refuse(context, outcome);
            return;
        }
        Optional<FaceCredential> replaced = FaceCredentialProvider.faceOf(context.getUser());
        FaceCredential stored = FaceCredentialProvider.enrol(context.getSession(), context.getRealm(), context.getUser(),
                enrolment.template(), enrolment.frames());
        context.getAuthenticationSession().removeAuthNote(ENROLMENT_NOTE);
        replaced.ifPresent(old -> credentialEvent(context, EventType.REMOVE_CREDENTIAL, old.credentialId())
                .detail(EntraEvents.REASON, "face replaced by a new enrolment of the user").success());
        // Consent and enrolment are one event: the user agreed on the page that posted these frames.
        credentialEvent(context, EventType.UPDATE_CREDENTIAL, stored.credentialId())
                .detail("consent", "given on the enrolment page").detail("frames", Integer.toString(stored.frames()))
                .detail("fresh_factor", FreshFactor.of(context.getAuthenticationSession(), context.getUser(), Integer.MAX_VALUE)
                        .map(FreshFactor::amr).orElse("none"))
                .detail(EntraEvents.REASON, replaced.isPresent() ? "face enrolled again with the user's consent, replacing the earlier one"
                        : "face enrolled with the user's consent").success();
        // A face the user just set up is the way they chose for next time: offered first, like a factor passed.
        LastFactor.remember(context.getUser(), FaceAuthenticatorFactory.PROVIDER_ID);
        context.success();
    }

    private void refuse(RequiredActionContext context, FaceOutcome outcome) {
        switch (outcome.kind()) {
            case ENGINE_UNAVAILABLE -> unavailable(context, outcome.reason());
            case NO_CHALLENGE, FRAMES_REJECTED -> {
                refusal(context, outcome.reason()).error("sfo_face_frames_refused");
                context.challenge(page(context, "sfoFaceTryAgain"));
            }
            default -> {
                FaceRefusal refusal = outcome.refusal().orElseThrow();
                refusal(context, outcome.reason()).error(refusal.error());
                context.challenge(page(context, refusal.message()));
            }
        }
    }

    private void unavailable(RequiredActionContext context, String reason) {
        refusal(context, reason).error("sfo_face_engine_unavailable");
        context.challenge(page(context, "sfoFaceEnrolUnavailable"));
    }

    /** An error event of this action; the reason is the attempt's, which never holds a frame or a template. */
    private static EventBuilder refusal(RequiredActionContext context, String reason) {
        return EntraEvents.tag(context.getEvent().clone(), context.getAuthenticationSession())
                .event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).user(context.getUser())
                .detail(Details.CUSTOM_REQUIRED_ACTION, FaceRegisterActionFactory.PROVIDER_ID)
                .detail(EntraEvents.FACTOR, FaceAuthenticator.FACTOR).detail(EntraEvents.REASON, reason);
    }

    private static EventBuilder credentialEvent(RequiredActionContext context, EventType type, String credentialId) {
        return EntraEvents.tag(context.getEvent().clone(), context.getAuthenticationSession()).event(type).user(context.getUser())
                .detail(Details.CREDENTIAL_TYPE, FaceCredential.TYPE).detail(Details.CREDENTIAL_ID, credentialId)
                .detail(Details.CUSTOM_REQUIRED_ACTION, FaceRegisterActionFactory.PROVIDER_ID);
    }

    /** Instructions only: enrolment takes a frontal face and does not judge turns, so the challenge is not kept. */
    private static Response page(RequiredActionContext context, String error) {
        return FacePage.render(context.form(), context.getAuthenticationSession(), FaceChallenge.random(FaceChallenge.DEFAULT_TURNS),
                limitsOf(context.getRealm()), true, error);
    }

    /** The frame limits of the realm's face step, so the enrolment page films what the factor's page does. */
    static FrameLimits limitsOf(RealmModel realm) {
        return realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(step -> FaceAuthenticatorFactory.PROVIDER_ID.equals(step.getAuthenticator()) && step.getAuthenticatorConfig() != null)
                .map(step -> realm.getAuthenticatorConfigById(step.getAuthenticatorConfig()))
                .filter(Objects::nonNull).findFirst().map(FrameLimits::of).orElse(FrameLimits.DEFAULTS);
    }

    /** The realm's engine through the factor, whose server options set its timeouts. */
    private static Optional<FaceEngine> engineFor(KeycloakSession session, RealmModel realm) {
        if (session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, FaceAuthenticatorFactory.PROVIDER_ID)
                instanceof FaceAuthenticatorFactory factor) {
            return factor.engineFor(session, realm);
        }
        return RemoteEngineSettings.of(session, realm).map(settings -> RemoteFaceEngine.of(session, settings, RemoteFaceEngine.DEFAULT_TIMEOUTS));
    }

    static boolean enrolmentOpen(AuthenticationSessionModel authSession) {
        String until = authSession.getAuthNote(ENROLMENT_NOTE);
        try {
            return until != null && Time.currentTime() < Long.parseLong(until);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() {
    }
}
