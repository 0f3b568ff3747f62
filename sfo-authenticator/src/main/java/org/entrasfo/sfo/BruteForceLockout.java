package org.entrasfo.sfo;

import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;

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
}
