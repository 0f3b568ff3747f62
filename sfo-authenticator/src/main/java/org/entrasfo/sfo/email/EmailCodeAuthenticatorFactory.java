package org.entrasfo.sfo.email;

import java.util.List;

import java.util.EnumSet;
import java.util.Set;

import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.keycloak.models.UserModel;
import org.entrasfo.sfo.code.CodeDelivery;
import org.entrasfo.sfo.code.OneTimeCodeAuthenticator;
import org.entrasfo.sfo.code.OneTimeCodeAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The email code factor: a one-time code to the user's email address; its amr is {@code otp}. */
public class EmailCodeAuthenticatorFactory extends OneTimeCodeAuthenticatorFactory {

    public static final String PROVIDER_ID = "sfo-email-code";

    private static final CodeDelivery DELIVERY = new EmailCodeDelivery();
    private final OneTimeCodeAuthenticator authenticator = new OneTimeCodeAuthenticator(this, "email", AuthenticationMethod.OTP, DELIVERY);

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
        return "SFO: email code";
    }

    @Override
    public String getReferenceCategory() {
        return "email-code";
    }

    @Override
    public String getHelpText() {
        return "Second factor: a one-time code sent to the user's email address with the realm's SMTP settings. "
                + "Reports amr 'otp' to Entra.";
    }

    @Override
    public Set<AuthenticationMethod> reportableMethods() {
        return EnumSet.of(AuthenticationMethod.OTP);
    }

    /** The address the codes go to is the directory's or an admin's, never the user's to change. */
    @Override
    public FactorSetup setup() {
        return FactorSetup.at(40).withAttribute(new FactorSetup.UserAttribute(UserModel.EMAIL, "${email}", true, false));
    }

    @Override
    protected CodeDelivery delivery() {
        return DELIVERY;
    }

    @Override
    protected List<ProviderConfigProperty> channelConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(EmailCodeDelivery.REQUIRE_VERIFIED_EMAIL).label("Only verified addresses")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("Send only to an address marked verified. Off: the directory's address is trusted as it is.").add()
                .build();
    }
}
