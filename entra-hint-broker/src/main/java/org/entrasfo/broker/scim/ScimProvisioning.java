package org.entrasfo.broker.scim;

import java.net.URI;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.services.Urls;
import org.keycloak.urls.UrlType;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Turns Keycloak's SCIM server on for one tenant realm: the realm switch, Entra's provisioning client and the
 * attribute mapping. Keycloak's feature {@code scim-api} must be enabled on the server. Every call answers a new
 * secret; the old one stops working at once.
 */
public final class ScimProvisioning {

    /** What Entra's admin pastes into the provisioning page; afterwards the secret is in the client's Credentials tab. */
    public record ScimConnection(String realm, String clientId, String clientSecret, String tokenUrl, String scimBaseUrl,
                                 String audience) {
    }

    private ScimProvisioning() {
    }

    public static ScimConnection apply(KeycloakSession session, RealmModel realm) {
        ScimConnection addresses = addresses(session, realm);
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            UserProfileProvider userProfile = session.getProvider(UserProfileProvider.class);
            UPConfig config = userProfile.getConfiguration();
            if (ScimAttributeMapping.annotate(config)) {
                userProfile.setConfiguration(config);
            }
            realm.setScimApiEnabled(true);
            String secret = ScimClient.apply(session, realm, addresses.scimBaseUrl());
            return new ScimConnection(realm.getName(), ScimClient.CLIENT_ID, secret, addresses.tokenUrl(),
                    addresses.scimBaseUrl(), addresses.audience());
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    /** True when SCIM was switched on here and the provisioning client is ours: a save then changes nothing. */
    public static boolean isOn(RealmModel realm) {
        return realm.isScimApiEnabled() && ScimClient.isScimClient(realm.getClientByClientId(ScimClient.CLIENT_ID));
    }

    /** Where Entra's provisioning service gets its token and sends its requests; no secret. */
    public static ScimConnection addresses(KeycloakSession session, RealmModel realm) {
        URI base = session.getContext().getUri(UrlType.FRONTEND).getBaseUri();
        // The same address Keycloak's SCIM endpoint demands as the token's audience.
        String scimBase = Urls.realmBase(base).path("{realm}/scim/v2").build(realm.getName()).toString();
        String tokenUrl = Urls.realmIssuer(base, realm.getName()) + "/protocol/openid-connect/token";
        return new ScimConnection(realm.getName(), ScimClient.CLIENT_ID, null, tokenUrl, scimBase, scimBase);
    }
}
