package org.entrasfo.broker.provisioning;

import org.entrasfo.factor.realm.TenantRealms;

/** Marks the realm as serving the profile's tenant, so the product's public endpoints answer there and nowhere else. */
public final class TenantMarker implements ProvisioningStep {

    @Override
    public void apply(TenantRealmSetup setup) {
        TenantRealms.mark(setup.realm(), setup.profile().tenantId.trim());
    }
}
