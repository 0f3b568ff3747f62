package org.entrasfo.sfo.helpdesk;

import java.time.Instant;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Keycloak has no credential for a help desk's temporary code; this is it. */
public class HelpdeskCodeCredentialProvider implements CredentialProvider<CredentialModel> {

    private final KeycloakSession session;

    public HelpdeskCodeCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return HelpdeskCode.TYPE;
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

    /** The user's code that still works, if any. A read: the policy step and Keycloak's selection list ask it too. */
    Optional<HelpdeskCode> usableCode(UserModel user, Instant now) {
        return user.credentialManager().getStoredCredentialsByTypeStream(HelpdeskCode.TYPE)
                .map(HelpdeskCode::fromModel)
                .filter(code -> !code.isExpired(now))
                .max(java.util.Comparator.comparing(HelpdeskCode::expiresAt));
    }

    /** Removes every help desk code of the user, expired ones included: a new code replaces them all. */
    void removeAll(UserModel user) {
        user.credentialManager().getStoredCredentialsByTypeStream(HelpdeskCode.TYPE).map(CredentialModel::getId).toList()
                .forEach(id -> user.credentialManager().removeStoredCredentialById(id));
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("sfo-helpdesk-code-display-name")
                .helpText("sfo-helpdesk-code-help-text")
                .iconCssClass("kcAuthenticatorOTPClass")
                .removeable(true)
                .build(session);
    }
}
