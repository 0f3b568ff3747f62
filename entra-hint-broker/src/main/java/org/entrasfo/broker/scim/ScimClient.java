package org.entrasfo.broker.scim;

import java.util.Map;
import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.AudienceProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.managers.RealmManager;

/**
 * The confidential client Entra's provisioning service signs in with: client credentials only (no browser flow, no
 * password grant, no implicit tokens), an access token whose audience is the realm's SCIM base URL (Keycloak's SCIM
 * endpoint refuses any other), and of the admin roles only {@code manage-users}, the one Keycloak's SCIM server checks.
 * Its token is good for nothing but that endpoint ({@link ScimClientConfinement}). Every call issues a new secret; like
 * any Keycloak client secret it stays readable by realm admins with {@code view-clients}.
 */
public final class ScimClient {

    public static final String CLIENT_ID = "entra-scim";
    /** Marks the client this class made; another client of that name is never touched. */
    public static final String MARKER_ATTRIBUTE = "entra-sfo.scim";
    static final String AUDIENCE_MAPPER = "SCIM audience";
    static final String TOKEN_LIFESPAN_SECONDS = "300";

    private ScimClient() {
    }

    public static boolean isScimClient(ClientModel client) {
        return client != null && "true".equals(client.getAttribute(MARKER_ATTRIBUTE));
    }

    /** True when a client of that name exists and was not made here: provisioning refuses to take it over. */
    public static boolean conflicts(RealmModel realm) {
        ClientModel existing = realm.getClientByClientId(CLIENT_ID);
        return existing != null && !isScimClient(existing);
    }

    /** Creates or tightens the client and returns a fresh secret. */
    static String apply(KeycloakSession session, RealmModel realm, String audience) {
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        if (client == null) {
            client = realm.addClient(CLIENT_ID);
        } else if (!isScimClient(client)) {
            throw new IllegalStateException("client " + CLIENT_ID + " was not made for SCIM provisioning");
        }
        client.setAttribute(MARKER_ATTRIBUTE, "true");
        client.setName("Microsoft Entra provisioning (SCIM)");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setBearerOnly(false);
        client.setClientAuthenticatorType(KeycloakModelUtils.getDefaultClientAuthenticatorType());
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setConsentRequired(false);
        client.setFullScopeAllowed(false);
        client.setRedirectUris(Set.of());
        client.setWebOrigins(Set.of());
        client.setAttribute("access.token.lifespan", TOKEN_LIFESPAN_SECONDS);
        client.setAttribute("oauth2.device.authorization.grant.enabled", "false");
        client.setAttribute("oidc.ciba.grant.enabled", "false");
        client.setAttribute("client_credentials.use_refresh_token", "false");
        if (!client.isServiceAccountsEnabled()) {
            new ClientManager(new RealmManager(session)).enableServiceAccount(client);
        }
        audienceMapper(client, audience);
        grantOnlyManageUsers(realm, client, session.users().getServiceAccount(client));
        return KeycloakModelUtils.generateSecret(client);
    }

    private static void audienceMapper(ClientModel client, String audience) {
        client.getProtocolMappersStream().filter(m -> AUDIENCE_MAPPER.equals(m.getName())).toList()
                .forEach(client::removeProtocolMapper);
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName(AUDIENCE_MAPPER);
        mapper.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        mapper.setProtocolMapper(AudienceProtocolMapper.PROVIDER_ID);
        mapper.setConfig(Map.of(AudienceProtocolMapper.INCLUDED_CUSTOM_AUDIENCE, audience,
                OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true"));
        client.addProtocolMapper(mapper);
    }

    /**
     * Least roles: whatever an admin added to the service account before is taken away again. The client's scope
     * holds the role too: without full scope, Keycloak's admin permissions count only roles in the client's scope.
     */
    private static void grantOnlyManageUsers(RealmModel realm, ClientModel client, UserModel serviceAccount) {
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel manageUsers = realmManagement.getRole(AdminRoles.MANAGE_USERS);
        client.getScopeMappingsStream().filter(role -> !role.equals(manageUsers)).toList().forEach(client::deleteScopeMapping);
        if (client.getScopeMappingsStream().noneMatch(manageUsers::equals)) {
            client.addScopeMapping(manageUsers);
        }
        serviceAccount.getRoleMappingsStream().filter(role -> !role.equals(manageUsers)).toList()
                .forEach(serviceAccount::deleteRoleMapping);
        serviceAccount.getGroupsStream().toList().forEach(serviceAccount::leaveGroup);
        if (!serviceAccount.hasDirectRole(manageUsers)) {
            serviceAccount.grantRole(manageUsers);
        }
    }
}
