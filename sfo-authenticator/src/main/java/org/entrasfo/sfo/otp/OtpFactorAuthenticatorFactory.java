package org.entrasfo.sfo.otp;

import java.util.List;

import org.entrasfo.factor.ServerClock;
import org.entrasfo.sfo.EnrolmentPolicy;
import java.util.EnumSet;
import java.util.Set;

import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.transaction.AuthenticationMethod;
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

    private final OtpFactorAuthenticator authenticator = new OtpFactorAuthenticator(this);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
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
    public Set<AuthenticationMethod> reportableMethods() {
        return EnumSet.of(AuthenticationMethod.OTP, AuthenticationMethod.HWK);
    }

    /** First in a new flow and on by default; the window attribute and the hardware token serials are admins' to set. */
    @Override
    public FactorSetup setup() {
        return FactorSetup.at(10).switchedOnByDefault()
                .withAttribute(EnrolmentPolicy.WINDOW_USER_ATTRIBUTE)
                .withAttribute(new FactorSetup.UserAttribute(HardwareTokens.ATTRIBUTE, "Imported hardware OTP tokens", false, true));
    }

    @Override
    public boolean usableBy(KeycloakSession session, RealmModel realm, UserModel user, AuthenticatorConfigModel config) {
        return OtpFactorAuthenticator.hasOtpCredential(user);
    }

    @Override
    protected boolean enrollableBy(UserModel user, AuthenticatorConfigModel config) {
        return EnrolmentPolicy.of(config).allows(user, ServerClock.now());
    }

    @Override
    protected String unavailableReason(AuthenticatorConfigModel config) {
        return "no OTP credential, enrolment not open";
    }
}
