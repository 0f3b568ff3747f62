package org.entrasfo.broker.provisioning;

import org.keycloak.models.RealmModel;

/**
 * The audit trail on (every SFO attempt is an event, every binding and issued code an admin event), brute-force
 * detection on (wrong codes must lock out), and id_tokens for Entra that live minutes.
 */
public final class AuditAndLockout implements ProvisioningStep {

    static final long EVENTS_KEPT_SECONDS = 90L * 24 * 3600;
    static final int IMPLICIT_TOKEN_SECONDS = 300;

    @Override
    public void apply(TenantRealmSetup setup) {
        RealmModel realm = setup.realm();
        if (!realm.isEventsEnabled()) {
            realm.setEventsEnabled(true);
            realm.setEventsExpiration(EVENTS_KEPT_SECONDS);
        }
        if (!realm.isAdminEventsEnabled()) {
            realm.setAdminEventsEnabled(true);
            realm.setAdminEventsDetailsEnabled(true);
        }
        if (!realm.isBruteForceProtected()) {
            realm.setBruteForceProtected(true);
        }
        if (realm.getAccessTokenLifespanForImplicitFlow() > IMPLICIT_TOKEN_SECONDS) {
            realm.setAccessTokenLifespanForImplicitFlow(IMPLICIT_TOKEN_SECONDS);
        }
    }
}
