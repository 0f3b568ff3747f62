package org.entrasfo.sfo.otp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.EntraTransaction;
import org.entrasfo.factor.transaction.SecondFactorCompletion;
import org.entrasfo.factor.transaction.SigningInAs;
import org.entrasfo.sfo.SecondFactorAuthenticator;
import org.entrasfo.sfo.EnrolmentPolicy;
import org.entrasfo.sfo.GuessBudget;
import org.entrasfo.sfo.PreferredFactor;
import org.entrasfo.sfo.policy.SecondFactorPolicy;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.utils.HmacOTP;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.CredentialValidation;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.utils.CredentialHelper;
import org.keycloak.utils.TotpUtils;

/**
 * The OTP token factor: a TOTP or HOTP code checked against the user's Keycloak OTP credential with the realm's OTP
 * policy. Keycloak's credential provider refuses a code already used inside its window, and every wrong code goes
 * through {@code failureChallenge}, which is what feeds the brute-force protector. A user without a token may set
 * one up on Keycloak's own TOTP page while the enrolment policy allows it; the credential exists only once a first
 * code from the new authenticator app was right.
 */
public class OtpFactorAuthenticator extends SecondFactorAuthenticator {

    static final String FACTOR = "otp";
    static final String CODE_FIELD = "otp";
    static final String CREDENTIAL_FIELD = "selectedCredentialId";
    static final String ENROLMENT_CODE_FIELD = "totp";
    static final String ENROLMENT_LABEL_FIELD = "userLabel";
    /** The page's Cancel: Entra hears {@code access_denied}, as on every page of ours. */
    static final String CANCEL_FIELD = "cancel";
    /** The secret the page shows, kept server-side; the form never carries it back. */
    static final String ENROLMENT_SECRET_NOTE = "entra-sfo.otp.enrolment-secret";
    static final String ENROL_TEMPLATE = "sfo-otp-enrol.ftl";
    static final String OTP_TEMPLATE = "sfo-otp.ftl";
    static final String ENROLLING_NOTE = "entra-sfo.otp.enrolling";
    static final int MAX_LABEL_LENGTH = 100;

    OtpFactorAuthenticator(OtpFactorAuthenticatorFactory factory) {
        super(factory, FACTOR);
    }

    @Override
    protected AuthenticationMethod methodFor(AuthenticationFlowContext context) {
        return HardwareTokens.methodFor(context.getUser(), selectedCredential(context.getUser(), null), context.getAuthenticatorConfig());
    }

    @Override
    protected void challenge(AuthenticationFlowContext context) {
        context.challenge(otpForm(context, null, null));
    }

    @Override
    protected void startEnrolment(AuthenticationFlowContext context) {
        context.getAuthenticationSession().setAuthNote(ENROLLING_NOTE, "true");
        context.challenge(enrolmentForm(context, null));
    }

    @Override
    protected Response lockedOutPage(AuthenticationFlowContext context, String bruteForceError) {
        return otpForm(context, Errors.USER_TEMPORARILY_DISABLED.equals(bruteForceError)
                ? "accountTemporarilyDisabledMessageTotp" : "accountPermanentlyDisabledMessageTotp", null);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        tag(context);
        UserModel user = context.getUser();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(CANCEL_FIELD)) {
            SecondFactorCompletion.giveUp(context, false);
            return;
        }
        if (context.getAuthenticationSession().getAuthNote(ENROLLING_NOTE) != null) {
            enrol(context);
            return;
        }
        if (lockedOut(context)) {
            return;
        }
        String code = form.getFirst(CODE_FIELD);
        if (code == null || code.isBlank()) {
            context.challenge(otpForm(context, "missingTotpMessage", null));
            return;
        }
        String credentialId = selectedCredential(user, form.getFirst(CREDENTIAL_FIELD));
        context.getEvent().detail("selected_credential_id", credentialId);
        GuessBudget guesses = new GuessBudget(context.getSession(), context.getRealm());
        if (!guesses.tryClaim(user)) {
            context.getEvent().detail(EntraEvents.REASON, "more codes at once than the lockout allows").error(Errors.USER_TEMPORARILY_DISABLED);
            context.forceChallenge(otpForm(context, "accountTemporarilyDisabledMessageTotp", credentialId));
            return;
        }
        boolean valid = credentialId != null && user.credentialManager()
                .isValid(new UserCredentialModel(credentialId, OTPCredentialModel.TYPE, code.trim()));
        if (!valid) {
            context.getEvent().detail(EntraEvents.REASON, "wrong or reused code").error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, otpForm(context, "invalidTotpMessage", credentialId));
            return;
        }
        guesses.clear(user);
        if (SecondFactorCompletion.succeed(context, HardwareTokens.methodFor(user, credentialId, context.getAuthenticatorConfig()))) {
            PreferredFactor.remember(user, credentialId);
        }
    }

    /** Keycloak's own TOTP set-up checks, with the secret taken from the auth session so the browser cannot pick it. */
    private void enrol(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        RealmModel realm = context.getRealm();
        if (hasOtpCredential(user) || !mayEnrol(context)) {
            authSession.removeAuthNote(ENROLLING_NOTE);
            SecondFactorCompletion.refuseEnrolment(context, "OTP enrolment no longer allowed");
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String code = form.getFirst(ENROLMENT_CODE_FIELD);
        String secret = authSession.getAuthNote(ENROLMENT_SECRET_NOTE);
        if (secret == null) {
            context.challenge(enrolmentForm(context, null));
            return;
        }
        if (code == null || code.isBlank()) {
            context.challenge(enrolmentForm(context, "missingTotpMessage"));
            return;
        }
        String label = form.getFirst(ENROLMENT_LABEL_FIELD);
        if (label != null && label.length() > MAX_LABEL_LENGTH) {
            // Keycloak stores labels in a 255-character column; a longer one would fail in the database.
            context.challenge(enrolmentForm(context, "sfoOtpDeviceNameTooLong"));
            return;
        }
        OTPCredentialModel credential = OTPCredentialModel.createFromPolicy(realm, secret, label);
        boolean created;
        try {
            created = CredentialValidation.validOTP(code.trim(), credential, realm.getOTPPolicy().getLookAheadWindow())
                    && CredentialHelper.createOTPCredential(context.getSession(), realm, user, code.trim(), credential);
        } catch (ModelDuplicateException e) {
            created = false;
        }
        if (!created) {
            context.getEvent().detail(EntraEvents.REASON, "wrong first code while enrolling").error(Errors.INVALID_USER_CREDENTIALS);
            context.challenge(enrolmentForm(context, "invalidTotpMessage"));
            return;
        }
        authSession.removeAuthNote(ENROLMENT_SECRET_NOTE);
        authSession.removeAuthNote(ENROLLING_NOTE);
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).detail("credential_type", OTPCredentialModel.TYPE)
                .detail(EntraEvents.REASON, "enrolled in the SFO flow").success();
        SecondFactorCompletion.succeed(context, HardwareTokens.methodFor(user, null, context.getAuthenticatorConfig()));
    }

    /**
     * QR code and the same secret as text on one page (no mode switch to reload), with the otpauth URI as a link for
     * phones, and the realm's OTP policy as the app must be set. The secret stays the same across re-renders.
     */
    private static Response enrolmentForm(AuthenticationFlowContext context, String error) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        String secret = authSession.getAuthNote(ENROLMENT_SECRET_NOTE);
        if (secret == null) {
            secret = HmacOTP.generateSecret(20);
            authSession.setAuthNote(ENROLMENT_SECRET_NOTE, secret);
        }
        OTPPolicy policy = realm.getOTPPolicy();
        var form = SigningInAs.addTo(context.form(), authSession)
                .setAttribute("sfoOtpSecret", TotpUtils.encode(secret))
                .setAttribute("sfoOtpQrCode", TotpUtils.qrCode(context.getSession(), secret, realm, user))
                .setAttribute("sfoOtpUri", policy.getKeyURI(realm, user, secret))
                .setAttribute("sfoOtpPolicy", policy);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(ENROL_TEMPLATE);
    }

    /** Our page: the application's name, the user's tokens by label when there are several, the code field. */
    private static Response otpForm(AuthenticationFlowContext context, String error, String selected) {
        UserModel user = context.getUser();
        List<Map<String, String>> credentials = user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
                .map(c -> Map.of("id", c.getId(), "label", c.getUserLabel() == null || c.getUserLabel().isBlank() ? "OTP" : c.getUserLabel()))
                .toList();
        var form = SigningInAs.addTo(context.form(), context.getAuthenticationSession())
                .setAttribute("sfoOtpCredentials", credentials)
                .setAttribute("sfoOtpSelected", Objects.toString(selected != null ? selected : selectedCredential(user, null), ""));
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(OTP_TEMPLATE);
    }

    /** Only one of the user's own OTP credentials may be chosen; anything else falls back to their default one. */
    private static String selectedCredential(UserModel user, String requested) {
        if (user == null) {
            return null;
        }
        return user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
                .map(CredentialModel::getId)
                .filter(id -> requested == null || requested.isBlank() || id.equals(requested))
                .findFirst()
                .orElse(null);
    }

    static boolean hasOtpCredential(UserModel user) {
        return user != null && user.credentialManager().isConfiguredFor(OTPCredentialModel.TYPE);
    }
}
