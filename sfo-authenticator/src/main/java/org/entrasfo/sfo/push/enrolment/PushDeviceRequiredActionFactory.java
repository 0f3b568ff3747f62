package org.entrasfo.sfo.push.enrolment;

import java.util.List;

import org.entrasfo.sfo.CredentialChangeGuard;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class PushDeviceRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "sfo-push-enrol";

    private static final PushDeviceRequiredAction SINGLETON = new PushDeviceRequiredAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Set up push approval";
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
