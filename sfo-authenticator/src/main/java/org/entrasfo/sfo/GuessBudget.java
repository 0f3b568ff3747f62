package org.entrasfo.sfo;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;

/**
 * At most the realm's brute-force failure factor of a user's codes are checked before the lockout, however many are
 * sent at once. Keycloak counts a failure on a background executor after the answer, so guesses sent together in many
 * auth sessions would all be checked before the first one counts. Each guess here first claims a numbered slot in
 * Keycloak's single-use store (atomic put-if-absent, shared by every node); a wrong guess keeps its slot for the
 * realm's lockout wait, a right one frees them all, as a successful login clears Keycloak's own count.
 * <p>
 * Freeing is one store call per held slot plus one, not one per slot of the budget (Keycloak's default failure factor
 * is 30, and in a cluster each call is a round trip): a slot is claimed only while every lower one is held, so the
 * held slots run from 0 without a gap up to the right guess's own and on through guesses still in flight. Only a slot
 * that expired below later ones leaves a gap; the slots beyond it stay held until their own expiry, within the
 * lockout wait: a budget stricter for that while, never looser.
 */
public final class GuessBudget {

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;
    private final RealmModel realm;
    /** The slot this guess claimed; -1 before a claim. */
    private int claimed = -1;

    public GuessBudget(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.store = session.singleUseObjects();
        this.realm = realm;
    }

    /** Claims one guess for the user; false when the budget is spent (then nothing may be checked). */
    public boolean tryClaim(UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return true;
        }
        long lifespan = Math.max(1, realm.getWaitIncrementSeconds());
        int limit = inFlightAllowed(user);
        for (int slot = 0; slot < limit; slot++) {
            if (store.putIfAbsent(key(user, slot), lifespan)) {
                claimed = slot;
                return true;
            }
        }
        return false;
    }

    /** The user passed: every claimed guess is given back. */
    public void clear(UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return;
        }
        int limit = limit();
        for (int slot = 0; slot < limit; slot++) {
            // Up to this guess's own slot every one was held when it claimed; past it, the first free one ends the run.
            if (store.remove(key(user, slot)) == null && slot > claimed) {
                return;
            }
        }
    }

    /**
     * This guess did not count toward the lockout (its upload was refused before any comparison): its slot is free
     * again, so such posts cannot spend the budget every factor of the user shares without a failure ever counted.
     */
    public void release(UserModel user) {
        if (claimed >= 0 && realm.isBruteForceProtected()) {
            store.remove(key(user, claimed));
            claimed = -1;
        }
    }

    private int limit() {
        return Math.max(1, realm.getFailureFactor());
    }

    /**
     * Past the failure factor Keycloak locks the user again at every failure, so a burst sent as a lockout ends must
     * get one guess checked, as one guess at a time would, not a whole failure factor again.
     */
    private int inFlightAllowed(UserModel user) {
        UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, user.getId());
        return failures != null && failures.getNumFailures() >= limit() ? 1 : limit();
    }

    private String key(UserModel user, int slot) {
        return "entra-sfo.guess." + realm.getId() + "." + user.getId() + "." + slot;
    }
}
