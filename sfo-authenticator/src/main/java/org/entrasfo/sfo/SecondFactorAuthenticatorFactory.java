package org.entrasfo.sfo;

import java.util.List;
import java.util.Optional;

import org.entrasfo.factor.FactorAvailability;
import org.entrasfo.factor.SecondFactor;
import org.keycloak.Config;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What every factor's factory has in common: it is a {@link SecondFactor} the broker and provisioning find in the
 * provider registry, it decides once whether a user can use or enrol the factor, and it may sit in a flow only as
 * required, alternative or disabled. A factor states what differs: what makes it usable, whether it can enrol.
 */
public abstract class SecondFactorAuthenticatorFactory implements AuthenticatorFactory, SecondFactor {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED
    };

    /** Whether the user has what this factor needs; {@code config} null means the factor's defaults. */
    public abstract boolean usableBy(KeycloakSession session, RealmModel realm, UserModel user, AuthenticatorConfigModel config);

    /** Why a user can neither use the factor nor set it up now, as an admin reads it in events. */
    protected abstract String unavailableReason(AuthenticatorConfigModel config);

    /** Whether a user without the factor may set it up inside the flow now; only factors that can enrol say yes. */
    protected boolean enrollableBy(UserModel user, AuthenticatorConfigModel config) {
        return false;
    }

    /** A setting the factor cannot work without (a Twilio account, a face engine); empty when nothing is missing. */
    protected Optional<String> missingSetting(KeycloakSession session, RealmModel realm, AuthenticatorConfigModel config) {
        return Optional.empty();
    }

    @Override
    public final FactorAvailability availabilityFor(KeycloakSession session, RealmModel realm, UserModel user,
                                                    AuthenticatorConfigModel config) {
        Optional<String> missing = missingSetting(session, realm, config);
        if (missing.isPresent()) {
            return FactorAvailability.unavailable(missing.get());
        }
        if (usableBy(session, realm, user, config)) {
            return FactorAvailability.usable();
        }
        return enrollableBy(user, config) ? FactorAvailability.enrollable() : FactorAvailability.unavailable(unavailableReason(config));
    }

    @Override
    public final AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    /** Enrolment is decided by the SFO policy, never silently by Keycloak's "user setup". */
    @Override
    public final boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public boolean isConfigurable() {
        return !getConfigProperties().isEmpty();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
