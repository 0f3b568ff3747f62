package org.entrasfo.sfo.otp.tokens;

import org.entrasfo.factor.realm.AdminResourceProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link HardwareTokenResource} at {@code /admin/realms/{realm}/entra-sfo-hardware-tokens}. */
public class HardwareTokenResourceProviderFactory extends AdminResourceProviderFactory {

    public static final String PROVIDER_ID = "entra-sfo-hardware-tokens";

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new HardwareTokenResource(session, realm, auth, adminEvent);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
