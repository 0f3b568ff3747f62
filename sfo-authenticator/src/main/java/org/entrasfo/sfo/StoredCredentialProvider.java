package org.entrasfo.sfo;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A credential type Keycloak does not have, kept as Keycloak's own stored credentials of the user: what our credential
 * providers share; each adds only its type's metadata (how the consoles show and set it up).
 */
public abstract class StoredCredentialProvider implements CredentialProvider<CredentialModel> {

    protected final KeycloakSession session;
    private final String type;

    protected StoredCredentialProvider(KeycloakSession session, String type) {
        this.session = session;
        this.type = type;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }
}
