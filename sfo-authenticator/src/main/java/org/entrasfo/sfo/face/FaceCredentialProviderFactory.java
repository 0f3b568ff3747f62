package org.entrasfo.sfo.face;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class FaceCredentialProviderFactory implements CredentialProviderFactory<FaceCredentialProvider> {

    public static final String PROVIDER_ID = "sfo-face";

    @Override
    public FaceCredentialProvider create(KeycloakSession session) {
        return new FaceCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
