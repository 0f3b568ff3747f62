package org.entrasfo.sfo.otp;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.entrasfo.broker.transaction.AuthenticationMethod;
import org.entrasfo.broker.transaction.EntraEvents;
import org.entrasfo.broker.transaction.EntraTransaction;
import org.entrasfo.broker.transaction.SecondFactorCompletion;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * The OTP token factor: a TOTP or HOTP code checked against the user's Keycloak OTP credential with the realm's OTP
 * policy. Keycloak's credential provider refuses a code already used inside its window, and every wrong code goes
 * through {@code failureChallenge}, which is what feeds the brute-force protector.
 */
public class OtpFactorAuthenticator implements Authenticator {

    static final String FACTOR = "otp";
    static final String CODE_FIELD = "otp";
    static final String CREDENTIAL_FIELD = "selectedCredentialId";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        EntraEvents.tag(context.getEvent(), context.getAuthenticationSession()).detail(EntraEvents.FACTOR, FACTOR);
        if (!SecondFactorCompletion.admits(context, AuthenticationMethod.OTP)) {
            return;
        }
        if (!hasOtpCredential(context.getUser())) {
            SecondFactorCompletion.refuseWithoutUsableFactor(context, "user has no OTP credential");
            return;
        }
        if (lockedOut(context)) {
            return;
        }
        context.challenge(context.form().createLoginTotp());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        EntraEvents.tag(context.getEvent(), context.getAuthenticationSession());
        UserModel user = context.getUser();
        context.getEvent().user(user).detail(EntraEvents.FACTOR, FACTOR);
        if (lockedOut(context)) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String code = form.getFirst(CODE_FIELD);
        if (code == null || code.isBlank()) {
            context.challenge(context.form().setError("missingTotpMessage").createLoginTotp());
            return;
        }
        String credentialId = selectedCredential(user, form.getFirst(CREDENTIAL_FIELD));
        context.getEvent().detail("selected_credential_id", credentialId);
        boolean valid = credentialId != null && user.credentialManager()
                .isValid(new UserCredentialModel(credentialId, OTPCredentialModel.TYPE, code.trim()));
        if (!valid) {
            context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
            Response retry = context.form().setAttribute("selectedOtpCredentialId", credentialId)
                    .setError("invalidTotpMessage").createLoginTotp();
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, retry);
            return;
        }
        SecondFactorCompletion.succeed(context, AuthenticationMethod.OTP);
    }

    /** Only one of the user's own OTP credentials may be chosen; anything else falls back to their default one. */
    private static String selectedCredential(UserModel user, String requested) {
        return user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
                .map(CredentialModel::getId)
                .filter(id -> requested == null || requested.isBlank() || id.equals(requested))
                .findFirst()
                .orElse(null);
    }

    private static boolean lockedOut(AuthenticationFlowContext context) {
        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (bruteForceError == null) {
            return false;
        }
        context.getEvent().user(context.getUser()).error(bruteForceError);
        String message = Errors.USER_TEMPORARILY_DISABLED.equals(bruteForceError)
                ? "accountTemporarilyDisabledMessageTotp" : "accountPermanentlyDisabledMessageTotp";
        context.forceChallenge(context.form().setError(message).createLoginTotp());
        return true;
    }

    static boolean hasOtpCredential(UserModel user) {
        return user != null && user.credentialManager().isConfiguredFor(OTPCredentialModel.TYPE);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /**
     * Inside an Entra transaction the factor always runs, so a user without a token gets an answer Entra understands
     * (Keycloak would otherwise stop on its own "credential setup required" page).
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return hasOtpCredential(user) || EntraTransaction.of(session.getContext().getAuthenticationSession()).isPresent();
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Enrolment inside the SFO flow is policy-controlled; nothing is added silently here.
    }

    @Override
    public void close() {
    }
}
