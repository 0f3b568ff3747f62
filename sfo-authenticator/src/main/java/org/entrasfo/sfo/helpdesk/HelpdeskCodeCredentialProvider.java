package org.entrasfo.sfo.helpdesk;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import org.entrasfo.sfo.StoredCredentialProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** Keycloak has no credential for a help desk's temporary code; this is it. */
public class HelpdeskCodeCredentialProvider extends StoredCredentialProvider {

    public HelpdeskCodeCredentialProvider(KeycloakSession session) {
        super(session, HelpdeskCode.TYPE);
    }

    /**
     * The user's code that still works under the realm's limits, if any. A read: the policy step and Keycloak's
     * selection list ask it too.
     */
    Optional<HelpdeskCode> usableCode(UserModel user, Instant now, HelpdeskCodeLimits limits) {
        return user.credentialManager().getStoredCredentialsByTypeStream(HelpdeskCode.TYPE)
                .map(HelpdeskCode::fromModel)
                .filter(code -> !code.isExpired(now, limits))
                .max(Comparator.comparing(code -> code.expiresAt(limits)));
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
