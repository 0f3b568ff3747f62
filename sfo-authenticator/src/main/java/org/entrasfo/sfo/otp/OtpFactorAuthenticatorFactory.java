package org.entrasfo.sfo.otp;

import java.time.Instant;
import java.util.List;

import org.entrasfo.sfo.EnrolmentPolicy;
import org.entrasfo.sfo.FactorAvailability;
import org.entrasfo.sfo.SecondFactorAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

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
                + "Reports amr 'otp' to Entra ('hwk' for imported hardware tokens if configured).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property(EnrolmentPolicy.configProperty("an OTP token"))
                .property().name(HardwareTokens.AMR_CONFIG_KEY).label("amr of hardware tokens")
                .type(ProviderConfigProperty.LIST_TYPE).options("otp", "hwk").defaultValue("otp")
                .helpText("What Entra is told when the code came from a hardware token imported by an admin (PSKC or CSV). "
                        + "'hwk' says hardware-protected key; 'otp' is what Entra expects from any code.").add()
                .build();
    }

    @Override
    public FactorAvailability availabilityFor(KeycloakSession session, RealmModel realm, UserModel user,
                                              AuthenticatorConfigModel config) {
        if (OtpFactorAuthenticator.hasOtpCredential(user)) {
            return FactorAvailability.usable();
        }
        return EnrolmentPolicy.of(config).allows(user, Instant.now())
                ? FactorAvailability.enrollable()
                : FactorAvailability.unavailable("no OTP credential, enrolment not open");
    }
}
