package org.entrasfo.factor.transaction;

import java.util.Optional;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A sign-in of the realm's signed-in user for another application of the realm, when Keycloak asks them to
 * authenticate again (a credential change, {@code prompt=login}, {@code max_age}, step-up): the SSO session names the
 * user, a fresh second factor follows. Remembers the level of authentication the realm grants that factor, so the SSO
 * session keeps counting as full MFA afterwards.
 */
public final class Reauthentication {

    private static final String LEVEL_NOTE = "entra-sfo.reauthentication-loa";

    private Reauthentication() {
    }

    public static void start(AuthenticationSessionModel authSession, int levelOfAuthentication) {
        authSession.setAuthNote(LEVEL_NOTE, Integer.toString(levelOfAuthentication));
    }

    static Optional<Integer> levelOf(AuthenticationSessionModel authSession) {
        String level = authSession.getAuthNote(LEVEL_NOTE);
        try {
            return level == null ? Optional.empty() : Optional.of(Integer.parseInt(level));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
