package org.entrasfo.factor.transaction;

import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Which second factor of which user this auth session has just passed, and when. Every enrolment, link or credential
 * change of ours asks it first: a change is allowed only right after the user proved an existing factor in the same
 * auth session (in an Entra transaction, or when Keycloak asked the signed-in user to authenticate again), never on the
 * strength of an SSO cookie, a password or an action link alone.
 */
public record FreshFactor(String userId, long passedAt, String amr) {

    static final String NOTE = "entra-sfo.factor-passed";

    static void record(AuthenticationSessionModel authSession, UserModel user, AuthenticationMethod method) {
        authSession.setAuthNote(NOTE, user.getId() + " " + Time.currentTime() + " " + method.amr());
    }

    /**
     * Whether this auth session was started to change the user's factors: an application action ({@code kc_action},
     * such as the Account Console's "Set up" or Keycloak's {@code delete_credential}), for which Keycloak asks the
     * signed-in user to authenticate again before the action runs.
     */
    public static boolean isForAFactorChange(AuthenticationSessionModel authSession) {
        return authSession != null && authSession.getClientNote(Constants.KC_ACTION) != null;
    }

    /** Whether this factor passed may confirm a change to the user's factors ({@link AuthenticationMethod#confirmsFactorChanges}). */
    public boolean confirmsFactorChanges() {
        return AuthenticationMethod.fromAmr(amr).map(AuthenticationMethod::confirmsFactorChanges).orElse(false);
    }

    /** The factor this auth session passed, if it was the given user's and at most {@code maxAgeSeconds} ago. */
    public static Optional<FreshFactor> of(AuthenticationSessionModel authSession, UserModel user, int maxAgeSeconds) {
        String note = authSession == null || user == null ? null : authSession.getAuthNote(NOTE);
        if (note == null) {
            return Optional.empty();
        }
        String[] parts = note.split(" ");
        if (parts.length != 3 || !parts[0].equals(user.getId())) {
            return Optional.empty();
        }
        long passedAt;
        try {
            passedAt = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long age = Time.currentTime() - passedAt;
        return age < 0 || age > maxAgeSeconds ? Optional.empty() : Optional.of(new FreshFactor(parts[0], passedAt, parts[2]));
    }
}
