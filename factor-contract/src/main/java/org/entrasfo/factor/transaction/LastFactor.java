package org.entrasfo.factor.transaction;

import java.util.Optional;

import org.keycloak.models.UserModel;

/**
 * The factor the user passed last (its authenticator id), remembered per user so that it is offered first next time.
 * Keycloak orders alternatives by credential priority only for factors with a stored credential; SMS and email codes
 * have none, so the choice is a user attribute. It orders, never admits: a factor the policy does not offer this
 * time is not offered because of it. Written only after the factor passed, and only when it changed.
 */
public final class LastFactor {

    /** Set by the product only; not part of the user profile, so neither the user nor a form can write it. */
    public static final String ATTRIBUTE = "entra-sfo.last-factor";

    private LastFactor() {
    }

    public static void remember(UserModel user, String factorId) {
        if (user != null && factorId != null && !factorId.equals(user.getFirstAttribute(ATTRIBUTE))) {
            user.setSingleAttribute(ATTRIBUTE, factorId);
        }
    }

    public static Optional<String> of(UserModel user) {
        return Optional.ofNullable(user == null ? null : user.getFirstAttribute(ATTRIBUTE)).filter(id -> !id.isBlank());
    }
}
