package org.entrasfo.broker.sso;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** The first alternative of a tenant realm's flow: single sign-on for its other applications, never for Entra. */
public class SingleSignOnAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "entra-sfo-sso";

    private static final SingleSignOnAuthenticator SINGLETON = new SingleSignOnAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "SFO: single sign-on for the realm's other applications";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's SSO cookie check, skipped for Entra's requests: the SSO session an Entra transaction left signs "
                + "the user in to the realm's other applications, while every Entra request runs the hint and a fresh "
                + "second factor. When Keycloak asks the user to authenticate again, the factors that follow are asked.";
    }

    @Override
    public String getReferenceCategory() {
        return "cookie";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{
                AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
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
