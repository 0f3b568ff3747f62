package org.entrasfo.sfo.passkey;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.WebAuthnCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Keycloak's WebAuthn credential provider under Keycloak's own id ({@code keycloak-webauthn}), so that Keycloak takes
 * this one instead (the higher order wins among factories of one id): keys stay Keycloak's {@code webauthn}
 * credentials, checked, listed and removed by Keycloak's code; only the Account Console's "Set up security key" link
 * of a tenant realm leads to our guarded enrolment ({@link PasskeyCredentialProvider}).
 */
public class PasskeyCredentialProviderFactory extends WebAuthnCredentialProviderFactory {

    /** Above Keycloak's own factory (order 0), which would otherwise be taken only for being the internal one. */
    static final int ORDER = 1;

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new PasskeyCredentialProvider(session, getMetadataService(), createOrGetObjectConverter());
    }

    @Override
    public int order() {
        return ORDER;
    }
}
