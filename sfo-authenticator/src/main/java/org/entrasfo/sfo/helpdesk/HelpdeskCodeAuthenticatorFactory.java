package org.entrasfo.sfo.helpdesk;

import java.util.List;

import java.util.Set;

import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.ServerClock;
import org.entrasfo.factor.transaction.AuthenticationMethod;
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

    /** Help desk operators: may issue temporary second-factor codes, nothing else. */
    public static final String OPERATOR_ROLE = "sfo-helpdesk";

    private final HelpdeskCodeAuthenticator authenticator = new HelpdeskCodeAuthenticator(this);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
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
    public Set<AuthenticationMethod> reportableMethods() {
        return HelpdeskCode.HONEST_METHODS;
    }

    /** Last in a new flow and off until an admin enables it; its operators hold a realm role. */
    @Override
    public FactorSetup setup() {
        return FactorSetup.at(50).withRealmRole(new FactorSetup.RealmRole(OPERATOR_ROLE,
                "Issues temporary second-factor codes to users who lost their device"));
    }

    @Override
    public boolean usableBy(KeycloakSession session, RealmModel realm, UserModel user, AuthenticatorConfigModel config) {
        HelpdeskCodeLimits limits = config == null ? HelpdeskCodeLimits.forRealm(realm) : HelpdeskCodeLimits.of(config);
        return HelpdeskCodeAuthenticator.provider(session).usableCode(user, ServerClock.now(), limits).isPresent();
    }

    @Override
    protected String unavailableReason(AuthenticatorConfigModel config) {
        return "no valid help desk code";
    }
}
