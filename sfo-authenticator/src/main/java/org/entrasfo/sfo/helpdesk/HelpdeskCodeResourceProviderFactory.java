package org.entrasfo.sfo.helpdesk;

import org.entrasfo.factor.realm.AdminResourceProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link HelpdeskCodeResource} at {@code /admin/realms/{realm}/entra-sfo-helpdesk}. */
public class HelpdeskCodeResourceProviderFactory extends AdminResourceProviderFactory {

    public static final String PROVIDER_ID = "entra-sfo-helpdesk";

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new HelpdeskCodeResource(session, realm, auth, adminEvent);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
