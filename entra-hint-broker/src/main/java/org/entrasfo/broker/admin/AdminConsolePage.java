package org.entrasfo.broker.admin;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * What the product's admin console pages share: Keycloak's declarative UI pages (feature {@code declarative-ui}),
 * whose entries are realm components, stateless.
 */
public abstract class AdminConsolePage implements UiPageProviderFactory<ComponentModel>, UiPageProvider {

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
