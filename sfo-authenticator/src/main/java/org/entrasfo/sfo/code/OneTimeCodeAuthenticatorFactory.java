package org.entrasfo.sfo.code;

import java.util.ArrayList;
import java.util.List;

import org.entrasfo.sfo.SecondFactorAuthenticatorFactory;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;

/** What the factories of code-sending factors share: availability from the channel, and the code settings. */
public abstract class OneTimeCodeAuthenticatorFactory extends SecondFactorAuthenticatorFactory {

    protected abstract CodeDelivery delivery();

    /** The channel's own settings, listed after the shared code settings. */
    protected abstract List<ProviderConfigProperty> channelConfigProperties();

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(channelConfigProperties());
        properties.addAll(OneTimeCodeSettings.configProperties());
        return properties;
    }

    @Override
    public boolean usableBy(KeycloakSession session, RealmModel realm, UserModel user, AuthenticatorConfigModel config) {
        return delivery().destinationOf(user, config).isPresent();
    }

    @Override
    protected boolean enrollableBy(UserModel user, AuthenticatorConfigModel config) {
        return delivery().enrolmentAllowed(user, config);
    }

    @Override
    protected String unavailableReason(AuthenticatorConfigModel config) {
        return delivery().noDestinationReason();
    }
}
