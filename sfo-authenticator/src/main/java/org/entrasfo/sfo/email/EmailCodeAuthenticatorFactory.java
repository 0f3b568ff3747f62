package org.entrasfo.sfo.email;

import java.util.ArrayList;
import java.util.List;

import org.entrasfo.broker.transaction.AuthenticationMethod;
import org.entrasfo.sfo.code.OneTimeCodeAuthenticator;
import org.entrasfo.sfo.code.OneTimeCodeSettings;
import org.entrasfo.sfo.SecondFactorAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The email code factor: a one-time code to the user's email address; its amr is {@code otp}. */
public class EmailCodeAuthenticatorFactory extends SecondFactorAuthenticatorFactory {

    public static final String PROVIDER_ID = "sfo-email-code";

    private static final OneTimeCodeAuthenticator SINGLETON =
            new OneTimeCodeAuthenticator("email", AuthenticationMethod.OTP, new EmailCodeDelivery());

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
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(OneTimeCodeSettings.configProperties());
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(OneTimeCodeSettings.REQUIRE_VERIFIED_EMAIL).label("Only verified addresses")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("Send only to an address marked verified. Off: the directory's address is trusted as it is.").add()
                .build());
        return properties;
    }
}
