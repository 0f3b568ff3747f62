package org.entrasfo.sfo.pages;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Keycloak's login pages under Keycloak's own id ({@code freemarker}), so that Keycloak takes this one (the higher order
 * wins among factories of one id): the pages Keycloak renders itself in a tenant realm (the factor choice, the passkey
 * page) learn who is signing in, as the product's own pages do. Every other realm gets Keycloak's pages unchanged.
 */
public class TenantLoginFormsProviderFactory extends FreeMarkerLoginFormsProviderFactory {

    /** Above Keycloak's own factory (order 0). */
    static final int ORDER = 1;

    @Override
    public LoginFormsProvider create(KeycloakSession session) {
        return new TenantLoginFormsProvider(session);
    }

    @Override
    public int order() {
        return ORDER;
    }
}
