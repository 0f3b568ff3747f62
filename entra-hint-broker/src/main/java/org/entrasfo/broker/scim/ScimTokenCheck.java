package org.entrasfo.broker.scim;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The provisioning token verified as Keycloak's SCIM endpoint will verify it (signature by the realm's keys, expiry,
 * issuer, audience = the SCIM base URL, an enabled client), and issued to {@code entra-scim}, before our write rules
 * read the body: a forged token must not make us write events on a user or answer what a refusal would reveal
 * (role holders, bound object IDs, the SMS allow-list). An unverified request is left to Keycloak, which answers 401.
 */
final class ScimTokenCheck {

    private ScimTokenCheck() {
    }

    static boolean verified(KeycloakSession session, RealmModel realm) {
        session.getContext().setRealm(realm);
        String audience = ScimProvisioning.addresses(session, realm).scimBaseUrl();
        AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm).setAudience(audience).authenticate();
        return result != null && result.client() != null && ScimClient.isScimClient(result.client())
                && ScimClient.CLIENT_ID.equals(result.token().getIssuedFor()) && result.token().hasAudience(audience);
    }
}
