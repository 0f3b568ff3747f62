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
    static final String ENROLMENT_NOTE = "entra-sfo.policy.enrolment";

    private SecondFactorPolicy() {
    }

    static void record(AuthenticationSessionModel authSession, List<String> offeredFactorIds, boolean enrolment) {
        authSession.setAuthNote(OFFERED_NOTE, String.join(",", offeredFactorIds));
        if (enrolment) {
            authSession.setAuthNote(ENROLMENT_NOTE, "no usable factor");
        } else {
            authSession.removeAuthNote(ENROLMENT_NOTE);
        }
    }

    /**
     * Whether a factor may enrol the user inside this sign-in: only when the policy step found no usable factor at all.
     * A user who has one must pass it before adding or changing another (then from the Account Console), so whoever
     * holds only the first factor cannot swap in a factor of their own while an enrolment window is open.
     */
    public static boolean allowsEnrolment(AuthenticationSessionModel authSession) {
        return authSession != null && authSession.getAuthNote(ENROLMENT_NOTE) != null;
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
