package org.entrasfo.broker.provisioning;

import java.util.List;
import java.util.Set;

import org.entrasfo.broker.admin.TenantProfile;
import org.entrasfo.broker.mappers.EntraClaimsMapper;
import org.entrasfo.factor.realm.TenantRealms;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * Entra's client: public, implicit {@code id_token} with form_post only (contract 2 and 4), the cloud's redirect URI
 * exactly, no consent, no {@code session_state} or {@code iss} in the answer, the Entra claims mapper and none of
 * Keycloak's default scopes (contract 6), bound to the flow Entra uses. Only a client provisioning made itself is ever
 * touched; the provisioning call refuses any other before a step runs.
 */
public final class EntraClient implements ProvisioningStep {

    public static final String CLAIMS_MAPPER_NAME = "Entra external MFA claims";
    public static final String APP_ID_ATTRIBUTE = "entra-sfo.app-id";
    public static final String CLOUD_ATTRIBUTE = "entra-sfo.cloud";
    public static final String PROFILE_NAME_ATTRIBUTE = "entra-sfo.profile-name";

    private ClientModel client;

    @Override
    public void apply(TenantRealmSetup setup) {
        RealmModel realm = setup.realm();
        TenantProfile profile = setup.profile();
        String clientId = profile.effectiveClientId().trim();
        client = realm.getClientByClientId(clientId);
        if (client == null) {
            client = realm.addClient(clientId);
        } else if (!TenantRealms.isEntraClient(client)) {
            throw new IllegalStateException("client " + clientId + " was not made for Entra; the provisioning call refuses this");
        }
        client.setName(profile.displayName == null || profile.displayName.isBlank() ? profile.name : profile.displayName);
        client.setDescription("Microsoft Entra ID external MFA (" + (profile.name == null ? profile.realm : profile.name) + ")");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setConsentRequired(false);
        client.setFrontchannelLogout(false);
        client.setFullScopeAllowed(false);
        client.setRedirectUris(Set.of(profile.authority().redirectUri()));
        client.setWebOrigins(Set.of());
        client.setAttribute("exclude.session.state.from.auth.response", "true");
        client.setAttribute("exclude.issuer.from.auth.response", "true");
        client.setAttribute("id.token.signed.response.alg", "RS256");
        client.setAttribute("access.token.lifespan", "300");
        client.setAttribute(TenantRealms.ENTRA_CLIENT_ATTRIBUTE, profile.tenantId.trim());
        client.setAttribute(APP_ID_ATTRIBUTE, profile.appId.trim());
        client.setAttribute(CLOUD_ATTRIBUTE, profile.cloud.trim());
        client.setAttribute(PROFILE_NAME_ATTRIBUTE, profile.name == null ? "" : profile.name);
        client.setAttribute(Constants.ACR_LOA_MAP, AcrMapping.withEntraValues(client.getAttribute(Constants.ACR_LOA_MAP), setup.levelOfAuthentication()));
        client.setAuthenticationFlowBindingOverride("browser", setup.entraFlow().getId());
        for (boolean defaultScope : new boolean[]{true, false}) {
            for (ClientScopeModel scope : List.copyOf(client.getClientScopes(defaultScope).values())) {
                client.removeClientScope(scope);
            }
        }
        if (client.getProtocolMappersStream().noneMatch(m -> EntraClaimsMapper.PROVIDER_ID.equals(m.getProtocolMapper()))) {
            client.addProtocolMapper(EntraClaimsMapper.create(CLAIMS_MAPPER_NAME));
        }
    }

    /** The client this step made or updated. */
    public ClientModel client() {
        return client;
    }
}
