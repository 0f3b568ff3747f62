package org.entrasfo.factor.realm;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** What the product's public realm endpoints share: stateless, mounted at {@code /realms/{realm}/{id}}. */
public abstract class RealmEndpointsProviderFactory implements RealmResourceProviderFactory {

    /** The JAX-RS resource serving this request. */
    protected abstract Object endpoints(KeycloakSession session);

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return endpoints(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
