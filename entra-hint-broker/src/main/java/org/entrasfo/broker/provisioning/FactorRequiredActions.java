package org.entrasfo.broker.provisioning;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

/**
 * The factors' own enrolment actions (push devices from the Account Console, for one), enabled in the realm and never
 * a default action. Each asks for a fresh factor of the user before it changes anything.
 */
public final class FactorRequiredActions implements ProvisioningStep {

    static final int PRIORITY = 100;

    @Override
    public void apply(TenantRealmSetup setup) {
        RealmModel realm = setup.realm();
        setup.factors().stream().flatMap(factor -> factor.setup().requiredActions().stream())
                .filter(action -> realm.getRequiredActionProviderByAlias(action.alias()) == null)
                .forEach(action -> {
                    RequiredActionProviderModel model = new RequiredActionProviderModel();
                    model.setAlias(action.alias());
                    model.setProviderId(action.alias());
                    model.setName(action.name());
                    model.setEnabled(true);
                    model.setDefaultAction(false);
                    model.setPriority(PRIORITY);
                    realm.addRequiredActionProvider(model);
                });
    }
}
