package org.entrasfo.sfo.otp;

import org.entrasfo.sfo.SecondFactorAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.OTPCredentialModel;

/** The OTP token factor of the second-factor-only flow; its amr is {@code otp}. */
public class OtpFactorAuthenticatorFactory extends SecondFactorAuthenticatorFactory {

    public static final String PROVIDER_ID = "sfo-otp";

    private static final OtpFactorAuthenticator SINGLETON = new OtpFactorAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "SFO: OTP token";
    }

    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public String getHelpText() {
        return "Second factor: a code from the user's OTP token (TOTP or HOTP, per the realm's OTP policy). "
                + "Reports amr 'otp' to Entra.";
    }
}
