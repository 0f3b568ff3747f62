package org.entrasfo.sfo.push;

import org.entrasfo.broker.RealmEndpointsProviderFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Mounts the push protocol's endpoints at {@code /realms/{realm}/sfo-push}. */
public class PushApprovalResourceProviderFactory extends RealmEndpointsProviderFactory {

    public static final String PROVIDER_ID = "sfo-push";

    private VapidKeys vapidKeys;

    /** One VAPID key cache per node, the push factor's, which signs the pushes with the same key. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        vapidKeys = ((PushApprovalAuthenticatorFactory) factory.getProviderFactory(Authenticator.class,
                PushApprovalAuthenticatorFactory.PROVIDER_ID)).vapidKeys();
    }

    @Override
    protected Object endpoints(KeycloakSession session) {
        return new PushApprovalResource(session, vapidKeys);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
