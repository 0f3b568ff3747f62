package org.entrasfo.factor;

import java.util.List;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Settings a factor keeps per tenant realm (not per flow step), which an admin sets through the provisioning call and
 * the admin console page: the broker shows the factor's own fields and passes the values through, so the factor alone
 * knows what they mean. Values are strings keyed by property name; a key left out keeps the realm's value, an empty
 * value removes it, and a secret property answered with {@link #UNCHANGED_SECRET} (what Keycloak shows for a secret)
 * keeps the secret the realm has.
 */
public interface FactorRealmSettings {

    /** What Keycloak shows instead of a secret, and what a form sends back for a secret left as it was. */
    String UNCHANGED_SECRET = "**********";

    /** The fields, in the page's order; names carry no dots and are unique across factors; secrets are marked secret. */
    List<ProviderConfigProperty> properties();

    /** Every problem of these values for this realm (null: a realm still to be made), each naming its property. */
    List<Problem> check(KeycloakSession session, RealmModel realm, Map<String, String> values);

    /** Stores checked values in the realm; secrets are stored so that no representation of the realm shows them. */
    void apply(KeycloakSession session, RealmModel realm, Map<String, String> values);

    /** The realm's values as a form shows them: a secret that is set as {@link #UNCHANGED_SECRET}, never itself. */
    Map<String, String> shown(KeycloakSession session, RealmModel realm);

    /**
     * What is wrong with what the realm holds now, for the self-test: values written past the provisioning call and the
     * admin page, such as a secret stored as itself in a realm attribute.
     */
    default List<Problem> storedProblems(KeycloakSession session, RealmModel realm) {
        return List.of();
    }

    /** A value an admin must fix, with a sentence saying how. */
    record Problem(String property, String message) {
    }
}
