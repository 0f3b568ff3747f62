package org.entrasfo.sfo;

import java.util.List;
import java.util.Optional;

import org.entrasfo.factor.transaction.EntraEvents;
import org.entrasfo.factor.transaction.FreshFactor;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The first lines of every enrolment action of ours: which passed factor of this user allows the change. Allowed only
 * when this auth session has just passed an existing second factor of the same user (an Entra transaction, or the
 * fresh factor Keycloak asks the signed-in user for when the action starts from the Account Console); never on the
 * strength of an SSO cookie, a password or an admin's action link alone, nor of a face. Enrolment of a first factor inside the flow
 * is the enrolment window's business, not this guard's.
 */
public final class CredentialChangeGuard {

    public static final String ERROR = "sfo_fresh_factor_required";
    /** How long ago, in this sign-in, the factor may have been passed; short, as an enrolment page follows at once. */
    public static final int DEFAULT_MAX_AGE_SECONDS = 120;
    /**
     * What our actions answer to Keycloak's {@code getMaxAuthAge}: started from the Account Console, Keycloak always
     * asks the signed-in user to authenticate again (it compares {@code auth_time + max age < now}, so 0 would let a
     * session authenticated in the same second through), which in a tenant realm means a fresh second factor.
     */
    public static final int ALWAYS_AUTHENTICATE_AGAIN = -1;

    private CredentialChangeGuard() {
    }

    /** True when the change may go on; otherwise the action fails with a message and an event says why. */
    public static boolean allows(RequiredActionContext context, String actionAlias) {
        int maxAge = maxAgeSeconds(context, actionAlias);
        Optional<FreshFactor> passed = FreshFactor.of(context.getAuthenticationSession(), context.getUser(), maxAge);
        if (passed.isPresent() && passed.get().confirmsFactorChanges()) {
            context.getEvent().detail("fresh_factor", passed.get().amr());
            return true;
        }
        String reason = passed.isPresent() ? "a face passed in this sign-in does not allow adding or replacing a factor"
                : "no second factor of the user passed in this sign-in within " + maxAge + " s";
        EntraEvents.tag(context.getEvent().clone(), context.getAuthenticationSession())
                .event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).user(context.getUser())
                .detail(Details.CUSTOM_REQUIRED_ACTION, actionAlias)
                .detail(EntraEvents.REASON, reason)
                .error(ERROR);
        context.failure(passed.isPresent() ? "sfoFreshFactorNotFace" : "sfoFreshFactorRequired");
        return false;
    }

    static int maxAgeSeconds(RequiredActionContext context, String actionAlias) {
        RequiredActionConfigModel config = context.getRealm().getRequiredActionConfigByAlias(actionAlias);
        String value = config == null || config.getConfig() == null ? null : config.getConfig().get(Constants.MAX_AUTH_AGE_KEY);
        try {
            return value == null || value.isBlank() ? DEFAULT_MAX_AGE_SECONDS : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_AGE_SECONDS;
        }
    }

    /** The setting on the required action's gear icon, in Keycloak's own key. */
    public static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(Constants.MAX_AUTH_AGE_KEY).label("Maximum age of the second factor")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Integer.toString(DEFAULT_MAX_AGE_SECONDS))
                .helpText("Seconds since the user passed an existing second factor in this sign-in. Started from the "
                        + "Account Console, the action always asks for a fresh factor first; set up after an Entra "
                        + "sign-in, the factor just passed counts.")
                .add().build();
    }
}
