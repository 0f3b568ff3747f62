package org.entrasfo.sfo.email;

import java.util.List;

import org.entrasfo.broker.transaction.AuthenticationMethod;
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
    private static final OneTimeCodeAuthenticator SINGLETON =
            new OneTimeCodeAuthenticator("email", PROVIDER_ID, AuthenticationMethod.OTP, DELIVERY);

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
