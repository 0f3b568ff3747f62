package org.entrasfo.sfo.passkey;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.SecondFactorCompletion;
import org.entrasfo.factor.transaction.SigningInAs;
import org.entrasfo.sfo.GuessBudget;
import org.entrasfo.sfo.SecondFactorAuthenticator;
import org.keycloak.WebAuthnConstants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.WebAuthnAuthenticator;
import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.UriUtils;
import org.keycloak.credential.WebAuthnCredentialModelInput;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.models.WebAuthnPolicy;
import org.keycloak.models.credential.WebAuthnCredentialModel;

import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.exception.WebAuthnException;

/**
 * The passkey factor: Keycloak's WebAuthn page (its challenge, the user's own keys as allowed credentials, the
 * realm's WebAuthn policy) and Keycloak's WebAuthn credential provider as the verifier, which only accepts a key
 * registered to this user. What differs from Keycloak's authenticator is the answer: the amr {@code fido} through
 * {@link SecondFactorCompletion}, and each refusal a page with our message, the way to another factor, an event with
 * the reason; a failed assertion feeds brute-force detection like a wrong code.
 */
public class PasskeyAuthenticator extends SecondFactorAuthenticator {

    static final String FACTOR = "passkey";

    PasskeyAuthenticator(PasskeyAuthenticatorFactory factory) {
        super(factory, FACTOR);
    }

    @Override
    protected AuthenticationMethod methodFor(AuthenticationFlowContext context) {
        return AuthenticationMethod.FIDO;
    }

    @Override
    protected void challenge(AuthenticationFlowContext context) {
        context.challenge(page(context, null));
    }

    @Override
    protected void startEnrolment(AuthenticationFlowContext context) {
        PasskeyWindowEnrolment.showPage(context);
    }

    @Override
    protected Response lockedOutPage(AuthenticationFlowContext context, String bruteForceError) {
        return context.form().setError(Errors.USER_TEMPORARILY_DISABLED.equals(bruteForceError)
                ? "sfoPasskeyLockedTemporarily" : "sfoPasskeyLockedPermanently").createErrorPage(Response.Status.FORBIDDEN);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        tag(context);
        if (context.getAuthenticationSession().getAuthNote(PasskeyWindowEnrolment.ENROLLING_NOTE) != null) {
            enrol(context);
            return;
        }
        if (lockedOut(context)) {
            return;
        }
        UserModel user = context.getUser();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        context.getEvent().detail(Details.CREDENTIAL_TYPE, WebAuthnCredentialModel.TYPE_TWOFACTOR);
        String challenge = context.getAuthenticationSession().getAuthNote(WebAuthnConstants.AUTH_CHALLENGE_NOTE);
        context.getAuthenticationSession().removeAuthNote(WebAuthnConstants.AUTH_CHALLENGE_NOTE);
        String browserError = form.getFirst(WebAuthnConstants.ERROR);
        if (browserError != null && !browserError.isBlank()) {
            // The browser's WebAuthn API names no secret; NotAllowedError is both "cancelled" and "timed out".
            refuse(context, PasskeyRefusal.fromBrowser(browserError));
            return;
        }
        Optional<AuthenticationRequest> assertion = assertionOf(form);
        if (assertion.isEmpty() || challenge == null) {
            refuse(context, PasskeyRefusal.INCOMPLETE);
            return;
        }
        String userHandle = form.getFirst(WebAuthnConstants.USER_HANDLE);
        if (userHandle != null && !userHandle.isBlank() && !user.getId().equals(decodedUserHandle(userHandle))) {
            refuse(context, PasskeyRefusal.OTHER_USERS_KEY);
            return;
        }
        GuessBudget guesses = new GuessBudget(context.getSession(), context.getRealm());
        if (!guesses.tryClaim(user)) {
            context.getEvent().detail(EntraEvents.REASON, "more attempts at once than the lockout allows").error(Errors.USER_TEMPORARILY_DISABLED);
            context.forceChallenge(lockedOutPage(context, Errors.USER_TEMPORARILY_DISABLED));
            return;
        }
        WebAuthnPolicy policy = context.getRealm().getWebAuthnPolicy();
        boolean uvRequired = Constants.WEBAUTHN_POLICY_OPTION_REQUIRED.equals(policy.getUserVerificationRequirement());
        ServerProperty server = new ServerProperty(new Origin(UriUtils.getOrigin(context.getUriInfo().getBaseUri())),
                rpId(context, policy), new DefaultChallenge(challenge));
        WebAuthnCredentialModelInput input = new WebAuthnCredentialModelInput(WebAuthnCredentialModel.TYPE_TWOFACTOR);
        input.setAuthenticationRequest(assertion.get());
        input.setAuthenticationParameters(new WebAuthnCredentialModelInput.KeycloakWebAuthnAuthenticationParameters(server, uvRequired));
        boolean valid;
        try {
            valid = user.credentialManager().isValid(input);
        } catch (WebAuthnException | IllegalArgumentException e) {
            // A forged answer the verifier cannot even read is a failed key, with a page and an event, not an error.
            refuse(context, PasskeyRefusal.fromVerifier(e));
            return;
        }
        String credentialId = Base64Url.encode(assertion.get().getCredentialId());
        context.getEvent().detail(WebAuthnConstants.PUBKEY_CRED_ID_ATTR, credentialId);
        if (!valid) {
            refuse(context, PasskeyRefusal.UNKNOWN_KEY);
            return;
        }
        guesses.clear(user);
        context.getEvent().detail(WebAuthnConstants.USER_VERIFICATION_CHECKED, Boolean.toString(uvRequired));
        SecondFactorCompletion.succeed(context, AuthenticationMethod.FIDO);
    }

    /**
     * The first key of a user in an open enrolment window. Both conditions are asked again on the answer, and a spent
     * or missing challenge (a second post of the page) gets a new page, never Keycloak's verifier without one.
     */
    private void enrol(AuthenticationFlowContext context) {
        if (PasskeyAuthenticatorFactory.hasKey(context.getUser())) {
            // A key was registered meanwhile (another tab): it is the factor to pass now, not a second enrolment.
            context.getAuthenticationSession().removeAuthNote(PasskeyWindowEnrolment.ENROLLING_NOTE);
            if (!lockedOut(context)) {
                challenge(context);
            }
            return;
        }
        if (!mayEnrol(context)) {
            context.getAuthenticationSession().removeAuthNote(PasskeyWindowEnrolment.ENROLLING_NOTE);
            SecondFactorCompletion.refuseEnrolment(context, "passkey enrolment no longer allowed");
            return;
        }
        if (context.getAuthenticationSession().getAuthNote(WebAuthnConstants.AUTH_CHALLENGE_NOTE) == null) {
            PasskeyWindowEnrolment.showPage(context);
            return;
        }
        switch (PasskeyWindowEnrolment.answer(context)) {
            case REGISTERED -> SecondFactorCompletion.succeed(context, AuthenticationMethod.FIDO);
            case SHOWN -> { }
            case FAILED -> PasskeyWindowEnrolment.showPage(context);
        }
    }

    /**
     * The event carries the reason (never the challenge or the assertion); a key that failed verification counts as
     * a failed attempt for brute-force detection, a cancelled ceremony does not. The page offers the key again and,
     * through Keycloak's "try another way", the other factors the policy allows.
     */
    private void refuse(AuthenticationFlowContext context, PasskeyRefusal refusal) {
        context.getEvent().detail(EntraEvents.REASON, refusal.reason()).error(refusal.error());
        Response page = page(context, refusal.message());
        if (refusal.countsAsFailure()) {
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
        } else {
            context.forceChallenge(page);
        }
    }

    /**
     * Keycloak's WebAuthn page with a fresh challenge and the user's own keys only. A user whose last key an admin
     * removed meanwhile gets the message alone, with "try another way".
     */
    private static Response page(AuthenticationFlowContext context, String error) {
        LoginFormsProvider form = new WebAuthnAuthenticator(context.getSession()).fillContextForm(context);
        if (form == null) {
            return context.form().setError(error != null ? error : "sfoPasskeyNotYours").createErrorPage(Response.Status.UNAUTHORIZED);
        }
        SigningInAs.addTo(form, context.getAuthenticationSession());
        if (error != null) {
            form.setError(error);
        }
        return form.createLoginWebAuthn();
    }

    private static String rpId(AuthenticationFlowContext context, WebAuthnPolicy policy) {
        String rpId = policy.getRpId();
        return rpId == null || rpId.isBlank() ? context.getUriInfo().getBaseUri().getHost() : rpId;
    }

    private static Optional<AuthenticationRequest> assertionOf(MultivaluedMap<String, String> form) {
        String id = form.getFirst(WebAuthnConstants.CREDENTIAL_ID);
        String clientData = form.getFirst(WebAuthnConstants.CLIENT_DATA_JSON);
        String authenticatorData = form.getFirst(WebAuthnConstants.AUTHENTICATOR_DATA);
        String signature = form.getFirst(WebAuthnConstants.SIGNATURE);
        if (blank(id) || blank(clientData) || blank(authenticatorData) || blank(signature)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AuthenticationRequest(Base64Url.decode(id), Base64Url.decode(authenticatorData),
                    Base64Url.decode(clientData), Base64Url.decode(signature)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keycloak registers the user id, UTF-8 and base64url, as the user handle of a resident key. */
    private static String decodedUserHandle(String userHandle) {
        try {
            return new String(Base64Url.decode(userHandle), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
