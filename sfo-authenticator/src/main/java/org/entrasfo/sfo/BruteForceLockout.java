package org.entrasfo.sfo;

import java.util.Set;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.DefaultBruteForceProtector;

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
     * A wrong answer: the factor's page again, and one failure for the brute-force protector. Keycloak counts the
     * failure of {@code failureChallenge} only for authenticators of the password, OTP and recovery-code categories;
     * a factor of its own category (an email or SMS code) would never lock anyone out. Such a failure is reported here
     * as an OTP failure, so wrong codes count as wrong OTPs do, in every auth session and on every node.
     */
    public static void failureChallenge(AuthenticationFlowContext context, AuthenticationFlowError error, Response page) {
        context.failureChallenge(error, page);
        String category = AuthenticationManager.getAuthenticationCategory(context.getSession(), context.getExecution().getAuthenticator());
        if (context.getRealm().isBruteForceProtected() && context.getUser() != null
                && category != null && !DefaultBruteForceProtector.ALLOWED_AUTHENTICATION_CATEGORIES.contains(category)) {
            context.getProtector().failedLogin(context.getRealm(), context.getUser(), context.getConnection(), context.getUriInfo(),
                    Set.of(OTPCredentialModel.TYPE));
        }
    }
}
