package org.entrasfo.sfo.policy;

import org.entrasfo.factor.FactorPolicyStep;
import java.util.List;

import org.entrasfo.sfo.email.EmailCodeAuthenticatorFactory;
import org.entrasfo.sfo.helpdesk.HelpdeskCodeAuthenticatorFactory;
import org.entrasfo.sfo.otp.OtpFactorAuthenticatorFactory;
import org.entrasfo.sfo.sms.SmsCodeAuthenticatorFactory;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The SFO policy step: which of the flow's factors this user may use. Sits between the Entra hint and the factors. */
public class SecondFactorPolicyAuthenticatorFactory implements AuthenticatorFactory, FactorPolicyStep {

    public static final String PROVIDER_ID = "sfo-policy";
    public static final String ALLOWED_FACTORS = "allowedFactors";
    public static final String RULES = "rules";

    private static final SecondFactorPolicyAuthenticator SINGLETON = new SecondFactorPolicyAuthenticator();

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
        return "SFO: factor policy";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public String getHelpText() {
        return "Decides which second factors of this flow the user is offered: those allowed here that the user has "
                + "(or may enrol). Unusable factors are skipped, so 'try another way' lists only real choices. A user "
                + "with none gets a clear page and Entra gets access_denied.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(ALLOWED_FACTORS).label("Allowed factors").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(OtpFactorAuthenticatorFactory.PROVIDER_ID, SmsCodeAuthenticatorFactory.PROVIDER_ID,
                        EmailCodeAuthenticatorFactory.PROVIDER_ID, HelpdeskCodeAuthenticatorFactory.PROVIDER_ID)
                .helpText("Factors users may use when no rule below applies to them. Empty: every factor enabled in "
                        + "this flow. The flow's order is the order of preference.").add()
                .property().name(RULES).label("Rules").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("One rule per line, the first that applies wins: a group path (subgroups included) or "
                        + "role:<realm role> or role:<client>/<role>, then '=', then the factors its users may use. "
                        + "Example: /Clinical/Nurses = sfo-sms-code, sfo-otp").add()
                .build();
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{
                AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
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
