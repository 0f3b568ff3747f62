package org.entrasfo.sfo.push;

import org.entrasfo.broker.RealmEndpointsProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Mounts the push protocol's endpoints at {@code /realms/{realm}/sfo-push}. */
public class PushApprovalResourceProviderFactory extends RealmEndpointsProviderFactory {

    public static final String PROVIDER_ID = "sfo-push";

    @Override
    protected Object endpoints(KeycloakSession session) {
        return new PushApprovalResource(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
