package org.entrasfo.sfo.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The factors the policy step offered this user in this auth session, in the auth session's notes so every cluster
 * node sees the same decision. Factors consult it instead of judging themselves without their configuration.
 */
public final class SecondFactorPolicy {

    static final String OFFERED_NOTE = "entra-sfo.policy.offered";

    private SecondFactorPolicy() {
    }

    static void record(AuthenticationSessionModel authSession, List<String> offeredFactorIds) {
        authSession.setAuthNote(OFFERED_NOTE, String.join(",", offeredFactorIds));
    }

    /** Empty when no policy step ran in this flow (the factor then judges for itself). */
    public static Optional<Boolean> offers(AuthenticationSessionModel authSession, String factorId) {
        String offered = authSession == null ? null : authSession.getAuthNote(OFFERED_NOTE);
        if (offered == null) {
            return Optional.empty();
        }
        return Optional.of(Arrays.asList(offered.split(",")).contains(factorId));
    }
}
