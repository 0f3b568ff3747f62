package org.entrasfo.factor;

import java.util.Set;

import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A second factor of the SFO flow, as the hint broker, the policy step and provisioning see it. The factor's
 * authenticator factory implements it; everyone else finds factors in Keycloak's provider registry
 * ({@link SecondFactors}), never by a list of names, so a new factor is one package that implements this.
 */
public interface SecondFactor {

    /** The execution's provider id, such as {@code sfo-otp}: the name the flow, the policy rules and the profile use. */
    String getId();

    /** Every amr this factor may report, each the honest name of what the user did (contract 4). */
    Set<AuthenticationMethod> reportableMethods();

    /**
     * Whether the factor, configured as {@code config} (null: its defaults), can serve the user now, could enrol them
     * inside the flow, or neither (with the reason an admin reads in events).
     */
    FactorAvailability availabilityFor(KeycloakSession session, RealmModel realm, UserModel user, AuthenticatorConfigModel config);

    /** What a tenant realm needs so this factor works: where it sits in the flow, attributes, actions, roles. */
    FactorSetup setup();

    /** Settings the factor keeps per tenant realm, which provisioning and the admin page set; most factors have none. */
    default java.util.Optional<FactorRealmSettings> realmSettings() {
        return java.util.Optional.empty();
    }
}
