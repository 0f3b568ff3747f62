package org.entrasfo.sfo;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The factory of a factor's own enrolment action: one stateless action, and the settings of the fresh-factor guard
 * ({@link CredentialChangeGuard}) as its configuration in the admin console.
 */
public abstract class GuardedEnrolmentActionFactory implements RequiredActionFactory {

    private final String id;
    private final String displayText;
    private final RequiredActionProvider action;

    protected GuardedEnrolmentActionFactory(String id, String displayText, RequiredActionProvider action) {
        this.id = id;
        this.displayText = displayText;
        this.action = action;
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return action;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDisplayText() {
        return displayText;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return CredentialChangeGuard.configProperties();
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
