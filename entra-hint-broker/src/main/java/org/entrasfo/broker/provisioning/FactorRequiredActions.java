package org.entrasfo.broker.provisioning;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.SecondFactor;
import org.entrasfo.factor.realm.FlowSteps;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

/**
 * The factors' own enrolment actions (push devices or keys from the Account Console, for one), never a default
 * action, and enabled only while their factor is on: a step of the realm's second-factor-only flow (or the flow Entra
 * uses) that is not disabled. An enrolment action of a factor that is off would let users register what no flow
 * checks, and links of the Account Console would lead there. Actions are found by their provider, not their alias, so
 * a renamed one follows its factor too. Each asks for a fresh factor of the user before it changes anything.
 */
public final class FactorRequiredActions implements ProvisioningStep {

    static final int PRIORITY = 100;

    @Override
    public void apply(TenantRealmSetup setup) {
        RealmModel realm = setup.realm();
        Set<String> on = Stream.of(setup.sfoFlow(), setup.entraFlow()).distinct()
                .flatMap(flow -> FlowSteps.enabledAuthenticators(realm, flow.getId())).collect(Collectors.toSet());
        for (SecondFactor factor : setup.factors()) {
            boolean factorOn = on.contains(factor.getId());
            factor.setup().requiredActions().forEach(action -> follow(realm, action, factorOn));
        }
    }

    private static void follow(RealmModel realm, FactorSetup.RequiredAction action, boolean factorOn) {
        List<RequiredActionProviderModel> registered = realm.getRequiredActionProvidersStream()
                .filter(model -> action.alias().equals(model.getProviderId())).toList();
        if (registered.isEmpty()) {
            if (factorOn && realm.getRequiredActionProviderByAlias(action.alias()) == null) {
                RequiredActionProviderModel model = new RequiredActionProviderModel();
                model.setAlias(action.alias());
                model.setProviderId(action.alias());
                model.setName(action.name());
                model.setEnabled(true);
                model.setDefaultAction(false);
                model.setPriority(PRIORITY);
                realm.addRequiredActionProvider(model);
            }
            return;
        }
        registered.stream().filter(model -> model.isEnabled() != factorOn).forEach(model -> {
            model.setEnabled(factorOn);
            realm.updateRequiredActionProvider(model);
        });
    }
}
