package org.entrasfo.sfo.passkey;

import java.util.Optional;

import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.LastFactor;
import org.entrasfo.sfo.CredentialChangeGuard;
import org.keycloak.WebAuthnConstants;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.requiredactions.WebAuthnRegister;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

import com.webauthn4j.verifier.attestation.trustworthiness.certpath.CertPathTrustworthinessVerifier;

/**
 * Registers a passkey or security key: Keycloak's own WebAuthn registration (its page, its attestation checks, the
 * realm's WebAuthn policy with its allowed AAGUIDs, credential type {@code webauthn}) behind our guard. The ceremony
 * starts only right after the user passed an existing second factor of theirs in this sign-in
 * ({@link CredentialChangeGuard}); Keycloak's bare {@code webauthn-register}, which needs nothing but a session,
 * stays switched off in tenant realms. Each key gets the name the user types; a user may register several.
 */
public class PasskeyRegisterAction extends WebAuthnRegister {

    /**
     * Until when the ceremony a guarded challenge started may be completed: time to find the key and touch it, short
     * of Keycloak's five minutes for a required action; a later answer needs a fresh factor again.
     */
    static final String CEREMONY_NOTE = "entra-sfo.passkey.ceremony-until";
    static final int CEREMONY_SECONDS = 180;

    public PasskeyRegisterAction(KeycloakSession session, CertPathTrustworthinessVerifier verifier) {
        super(session, verifier);
    }

    /** Started from the Account Console, Keycloak always asks for a fresh factor first. */
    @Override
    public int getMaxAuthAge(KeycloakSession session) {
        return CredentialChangeGuard.ALWAYS_AUTHENTICATE_AGAIN;
    }

    /**
     * The ceremony's time is counted from the first page after the passed factor: reloading the page does not
     * lengthen it; once it is over, only a factor still fresh (the guard above) opens a new one.
     */
    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (!CredentialChangeGuard.allows(context, PasskeyRegisterActionFactory.PROVIDER_ID)) {
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!ceremonyOpen(authSession)) {
            authSession.setAuthNote(CEREMONY_NOTE, Long.toString(Time.currentTime() + CEREMONY_SECONDS));
        }
        super.requiredActionChallenge(context);
    }

    /**
     * Only the ceremony a guarded challenge started (its challenge is in the same auth session) may register a key;
     * Keycloak's verifier then checks the challenge, the origin, the RP ID, the attestation and the AAGUID. An answer
     * after the ceremony's time, or one whose challenge is spent (a second post of the same page), gets a new page
     * if the factor is still fresh, and the guard's refusal otherwise.
     */
    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        boolean open = ceremonyOpen(authSession);
        if (!open || authSession.getAuthNote(WebAuthnConstants.AUTH_CHALLENGE_NOTE) == null) {
            authSession.removeAuthNote(WebAuthnConstants.AUTH_CHALLENGE_NOTE);
            if (!open) {
                authSession.removeAuthNote(CEREMONY_NOTE);
            }
            requiredActionChallenge(context);
            return;
        }
        context.getEvent().detail(EntraEvents.FACTOR, PasskeyAuthenticator.FACTOR);
        Optional<RegistrationAnswer.Problem> problem = RegistrationAnswer.problem(context.getHttpRequest().getDecodedFormParameters());
        if (problem.isPresent()) {
            authSession.removeAuthNote(WebAuthnConstants.AUTH_CHALLENGE_NOTE);
            context.challenge(RegistrationAnswer.refuse(problem.get(), context.getEvent(), context.form()));
            return;
        }
        long before = PasskeyAuthenticatorFactory.keyCount(context.getUser());
        super.processAction(context);
        if (PasskeyAuthenticatorFactory.keyCount(context.getUser()) > before) {
            authSession.removeAuthNote(CEREMONY_NOTE);
            // A key the user just registered is the way they chose for next time: offered first, like a factor passed.
            LastFactor.remember(context.getUser(), PasskeyAuthenticatorFactory.PROVIDER_ID);
        }
    }

    static boolean ceremonyOpen(AuthenticationSessionModel authSession) {
        String until = authSession.getAuthNote(CEREMONY_NOTE);
        try {
            return until != null && Time.currentTime() < Long.parseLong(until);
        } catch (NumberFormatException e) {
            return false;
        }
    }

}
