package org.entrasfo.broker.admin;

import org.entrasfo.factor.realm.AdminResourceProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link EntraSfoAdminResource} at {@code /admin/realms/{realm}/entra-sfo}. */
public class EntraSfoAdminResourceProviderFactory extends AdminResourceProviderFactory {

    public static final String PROVIDER_ID = "entra-sfo";

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new EntraSfoAdminResource(session, realm, auth);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
