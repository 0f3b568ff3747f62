package org.entrasfo.sfo.push;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class PushDeviceCredentialProviderFactory implements CredentialProviderFactory<PushDeviceCredentialProvider> {

    public static final String PROVIDER_ID = "sfo-push-device";

    @Override
    public PushDeviceCredentialProvider create(KeycloakSession session) {
        return new PushDeviceCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
