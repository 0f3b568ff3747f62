package org.entrasfo.factor;

import java.util.List;

/**
 * What provisioning sets up in a tenant realm for one factor, stated by the factor itself.
 *
 * @param flowOrder       the factor's place among the factors of a new flow (lower first: the order of preference)
 * @param onByDefault     switched on in a new flow when the profile names no factors
 * @param userAttributes  user-profile attributes the factor reads; always editable by admins only (a user who could
 *                        edit where codes go, or which tokens they hold, would move the factor)
 * @param requiredActions the factor's enrolment actions, enabled in the realm
 * @param realmRoles      realm roles the factor's endpoints check
 */
public record FactorSetup(int flowOrder, boolean onByDefault, List<UserAttribute> userAttributes,
                          List<RequiredAction> requiredActions, List<RealmRole> realmRoles) {

    public FactorSetup {
        userAttributes = List.copyOf(userAttributes);
        requiredActions = List.copyOf(requiredActions);
        realmRoles = List.copyOf(realmRoles);
    }

    /** A factor that needs nothing but its place in the flow. */
    public static FactorSetup at(int flowOrder) {
        return new FactorSetup(flowOrder, false, List.of(), List.of(), List.of());
    }

    public FactorSetup switchedOnByDefault() {
        return new FactorSetup(flowOrder, true, userAttributes, requiredActions, realmRoles);
    }

    public FactorSetup withAttribute(UserAttribute attribute) {
        return new FactorSetup(flowOrder, onByDefault, append(userAttributes, attribute), requiredActions, realmRoles);
    }

    public FactorSetup withRequiredAction(RequiredAction action) {
        return new FactorSetup(flowOrder, onByDefault, userAttributes, append(requiredActions, action), realmRoles);
    }

    public FactorSetup withRealmRole(RealmRole role) {
        return new FactorSetup(flowOrder, onByDefault, userAttributes, requiredActions, append(realmRoles, role));
    }

    private static <T> List<T> append(List<T> list, T item) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(item)).toList();
    }

    /** A user-profile attribute, editable by admins only; {@code userMaySee} lets users read it in the Account Console. */
    public record UserAttribute(String name, String displayName, boolean userMaySee, boolean multivalued) {
    }

    /** An enrolment action of the factor (guarded by a fresh factor), enabled but not a default action. */
    public record RequiredAction(String alias, String name) {
    }

    public record RealmRole(String name, String description) {
    }
}
