package org.entrasfo.sfo.helpdesk;

import java.util.List;

import org.entrasfo.sfo.FactorAvailability;
import org.entrasfo.sfo.SecondFactorAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The help desk's temporary code as a factor of the SFO flow; disabled until an admin enables it. Its config holds
 * the realm's limits on every code an operator issues.
 */
public class HelpdeskCodeAuthenticatorFactory extends SecondFactorAuthenticatorFactory {

    public static final String PROVIDER_ID = "sfo-helpdesk-code";

    private static final HelpdeskCodeAuthenticator SINGLETON = new HelpdeskCodeAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "SFO: help desk code";
    }

    @Override
    public String getReferenceCategory() {
        return HelpdeskCode.TYPE;
    }

    @Override
    public String getHelpText() {
        return "Second factor for a user who lost their device: a temporary code issued by a help desk operator "
                + "(realm role sfo-helpdesk) through the admin API. Reports the possession amr the operator chose "
                + "(otp, hwk, swk, sms or tel), within the limits set here.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(HelpdeskCodeLimits.MAX_VALIDITY_MINUTES).label("Longest validity of a code (minutes)")
                .helpText("Operators may issue codes valid at most this long (at most 7 days). Codes already issued "
                        + "stop working once this much time has passed since they were issued.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(HelpdeskCodeLimits.DEFAULT_MAX_VALIDITY_MINUTES).add()
                .property().name(HelpdeskCodeLimits.MAX_USES_PER_CODE).label("Sign-ins per code, at most")
                .helpText("1: every code is single use. Up to 10: operators may issue a code for that many sign-ins.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(HelpdeskCodeLimits.DEFAULT_MAX_USES).add()
                .build();
    }

    @Override
    public FactorAvailability availabilityFor(KeycloakSession session, RealmModel realm, UserModel user,
                                              AuthenticatorConfigModel config) {
        return HelpdeskCodeAuthenticator.provider(session)
                .usableCode(user, HelpdeskCodeAuthenticator.now(), HelpdeskCodeLimits.of(config)).isPresent()
                ? FactorAvailability.usable()
                : FactorAvailability.unavailable("no valid help desk code");
    }
}
