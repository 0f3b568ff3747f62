package org.entrasfo.sfo.face;

import java.util.List;

import org.entrasfo.sfo.CredentialChangeGuard;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** The face enrolment action ({@link FaceRegisterAction}), guarded by a fresh factor of the user. */
public class FaceRegisterActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "sfo-face-register";
    public static final String DISPLAY_TEXT = "Set up face";

    private static final FaceRegisterAction SINGLETON = new FaceRegisterAction();

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
        return DISPLAY_TEXT;
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
