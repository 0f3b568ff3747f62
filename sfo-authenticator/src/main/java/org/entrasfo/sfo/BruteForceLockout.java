package org.entrasfo.sfo;

import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.BruteForceProtector;

/** Every factor asks Keycloak's brute-force detection first; a locked-out user gets the factor's page and an event. */
public final class BruteForceLockout {

    private BruteForceLockout() {
    }

    /**
     * True when the user is locked out; then the event is an error and {@code page} (given Keycloak's error code)
     * is shown instead of checking anything.
     */
    public static boolean challengeIfLocked(AuthenticationFlowContext context, Function<String, Response> page) {
        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (bruteForceError == null) {
            return false;
        }
        context.getEvent().user(context.getUser()).error(bruteForceError);
        context.forceChallenge(page.apply(bruteForceError));
        return true;
    }

    /**
     * Counts a wrong answer for the user's brute-force detection. Keycloak counts a failed step by itself only when
     * the authenticator's reference category is one it knows (password, otp, recovery codes); a factor with its own
     * credential type must count its failures here, or wrong guesses would never lock anyone out. Called with no
     * category, as Keycloak counts a failure it cannot attribute, so it is never counted twice.
     */
    public static void countFailure(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        if (realm.isBruteForceProtected() && context.getUser() != null) {
            context.getSession().getProvider(BruteForceProtector.class)
                    .failedLogin(realm, context.getUser(), context.getConnection(), context.getUriInfo(), null);
        }
    }
}
