package org.entrasfo.factor.realm;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * Which realms serve an Entra tenant. Provisioning marks them with a realm attribute; every public endpoint of ours
 * answers "not found" and creates nothing in any other realm (master included).
 */
public final class TenantRealms {

    /** The realm attribute provisioning sets: the Entra tenant ID the realm serves. */
    public static final String TENANT_ATTRIBUTE = "entra-sfo.tenant-id";
    /** The client attribute provisioning sets on the Entra client it makes (and only there). */
    public static final String ENTRA_CLIENT_ATTRIBUTE = "entra-sfo.tenant-id";

    private TenantRealms() {
    }

    public static boolean isTenantRealm(RealmModel realm) {
        String tenant = realm == null ? null : realm.getAttribute(TENANT_ATTRIBUTE);
        return tenant != null && !tenant.isBlank();
    }

    /**
     * Whether the client is Entra's (provisioning marks the clients it makes with the tenant ID). Entra's requests never
     * get single sign-on; every other client of a tenant realm is "another application".
     */
    public static boolean isEntraClient(ClientModel client) {
        String tenant = client == null ? null : client.getAttribute(ENTRA_CLIENT_ATTRIBUTE);
        return tenant != null && !tenant.isBlank();
    }

    public static void mark(RealmModel realm, String tenantId) {
        if (!tenantId.equals(realm.getAttribute(TENANT_ATTRIBUTE))) {
            realm.setAttribute(TENANT_ATTRIBUTE, tenantId);
        }
    }
}
