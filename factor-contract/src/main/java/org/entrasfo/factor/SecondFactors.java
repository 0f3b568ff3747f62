package org.entrasfo.factor;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/** The factors and the policy step deployed on this node, found in Keycloak's provider registry. */
public final class SecondFactors {

    private SecondFactors() {
    }

    /** Every deployed factor, in the order of a new flow. */
    public static List<SecondFactor> deployed(KeycloakSessionFactory factory) {
        return factory.getProviderFactoriesStream(Authenticator.class)
                .filter(SecondFactor.class::isInstance).map(SecondFactor.class::cast)
                .sorted(Comparator.comparingInt((SecondFactor f) -> f.setup().flowOrder()).thenComparing(SecondFactor::getId))
                .toList();
    }

    public static Optional<SecondFactor> byId(KeycloakSessionFactory factory, String id) {
        return factory.getProviderFactory(Authenticator.class, id) instanceof SecondFactor factor ? Optional.of(factor) : Optional.empty();
    }

    /** Every amr some deployed factor can report: a request that admits none of them cannot be served at all. */
    public static Set<AuthenticationMethod> reportableMethods(KeycloakSessionFactory factory) {
        Set<AuthenticationMethod> methods = EnumSet.noneOf(AuthenticationMethod.class);
        deployed(factory).forEach(f -> methods.addAll(f.reportableMethods()));
        return methods;
    }

    /** The id of the deployed policy step. */
    public static Optional<String> policyStep(KeycloakSessionFactory factory) {
        return factory.getProviderFactoriesStream(Authenticator.class)
                .filter(FactorPolicyStep.class::isInstance).map(ProviderFactory::getId).findFirst();
    }
}
