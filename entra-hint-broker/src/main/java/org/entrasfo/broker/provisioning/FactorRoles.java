package org.entrasfo.broker.provisioning;

import org.entrasfo.factor.FactorSetup;

/** The realm roles the factors' endpoints check (the help desk's operators, for one), made once with their description. */
public final class FactorRoles implements ProvisioningStep {

    @Override
    public void apply(TenantRealmSetup setup) {
        setup.factors().stream().flatMap(factor -> factor.setup().realmRoles().stream())
                .filter(role -> setup.realm().getRole(role.name()) == null)
                .forEach((FactorSetup.RealmRole role) -> setup.realm().addRole(role.name()).setDescription(role.description()));
    }
}
