package org.entrasfo.broker.health;

import org.entrasfo.factor.realm.RealmEndpointsProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Mounts the product's public realm endpoints at {@code /realms/{realm}/entra-sfo}. */
public class EntraSfoRealmResourceProviderFactory extends RealmEndpointsProviderFactory {

    public static final String PROVIDER_ID = "entra-sfo";

    @Override
    protected Object endpoints(KeycloakSession session) {
        return new SigningKeysHealthResource(session, session.getContext().getRealm());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
