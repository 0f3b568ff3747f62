package org.entrasfo.sfo.helpdesk;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class HelpdeskCodeCredentialProviderFactory implements CredentialProviderFactory<HelpdeskCodeCredentialProvider> {

    public static final String PROVIDER_ID = "sfo-helpdesk-code";

    @Override
    public HelpdeskCodeCredentialProvider create(KeycloakSession session) {
        return new HelpdeskCodeCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
