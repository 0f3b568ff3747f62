package org.entrasfo.broker;

import org.keycloak.models.RealmModel;

/**
 * Which realms serve an Entra tenant. Provisioning marks them with a realm attribute; every public endpoint of ours
 * answers "not found" and creates nothing in any other realm (master included).
 */
public final class TenantRealms {

    /** The realm attribute provisioning sets: the Entra tenant ID the realm serves. */
    public static final String TENANT_ATTRIBUTE = "entra-sfo.tenant-id";

    private TenantRealms() {
    }

    public static boolean isTenantRealm(RealmModel realm) {
        String tenant = realm == null ? null : realm.getAttribute(TENANT_ATTRIBUTE);
        return tenant != null && !tenant.isBlank();
    }

    public static void mark(RealmModel realm, String tenantId) {
        if (!tenantId.equals(realm.getAttribute(TENANT_ATTRIBUTE))) {
            realm.setAttribute(TENANT_ATTRIBUTE, tenantId);
        }
    }
}
