package org.entrasfo.broker.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import org.entrasfo.broker.EntraHintBrokerConfig;
import org.entrasfo.broker.TenantRealms;
import org.entrasfo.broker.mappers.EntraClaimsMapper;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.RealmManager;
import org.keycloak.urls.UrlType;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.util.JsonSerialization;

/**
 * Makes a realm serve one Entra tenant, idempotently: the same profile applied twice changes nothing. Everything it
 * creates is ordinary Keycloak configuration, so a realm exported with Keycloak's own export works unchanged elsewhere.
 */
public final class EntraTenantProvisioner {

    public static final String FLOW_ALIAS = "entra-second-factor-only";
    public static final String BROKER_CONFIG_ALIAS = "entra-hint-broker";
    public static final String FACTORS_FLOW_ALIAS = "entra-second-factor-only factors";
    public static final String POLICY_STEP = "sfo-policy";
    /** The factors a new flow holds, in this order; those not chosen in the profile are there but disabled. */
    public static final List<String> SECOND_FACTORS = List.of("sfo-otp", "sfo-push", "sfo-sms-code", "sfo-email-code", "sfo-helpdesk-code");
    /** Help desk operators: may issue temporary second-factor codes, nothing else. */
    public static final String HELPDESK_ROLE = "sfo-helpdesk";
    public static final String DEFAULT_FACTOR = "sfo-otp";
    public static final String CLAIMS_MAPPER_NAME = "Entra external MFA claims";

    /** Contract 2 and 4: every acr value Entra may send, so no request dies on Keycloak's 400 for an unmapped essential acr. */
    public static final List<String> ENTRA_ACR_VALUES = List.of(
            "possessionorinherence", "knowledgeorpossession", "knowledgeorinherence",
            "knowledgeorpossessionorinherence", "knowledge", "possession", "inherence");

    public static final String CLIENT_ATTRIBUTE_TENANT = TenantRealms.ENTRA_CLIENT_ATTRIBUTE;
    static final String CLIENT_ATTRIBUTE_APP_ID = "entra-sfo.app-id";
    static final String CLIENT_ATTRIBUTE_CLOUD = "entra-sfo.cloud";
    static final String CLIENT_ATTRIBUTE_PROFILE_NAME = "entra-sfo.profile-name";

    private final KeycloakSession session;

    public EntraTenantProvisioner(KeycloakSession session) {
        this.session = session;
    }

    public TenantRealmDescription apply(TenantProfile profile) {
        RealmModel realm = session.realms().getRealmByName(profile.realm);
        boolean created = realm == null;
        if (created) {
            realm = createRealm(profile);
        }
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            TenantRealms.mark(realm, profile.tenantId.trim());
            if (realm.getRole(HELPDESK_ROLE) == null) {
                realm.addRole(HELPDESK_ROLE).setDescription("Issues temporary second-factor codes to users who lost their device");
            }
            int loa = EntraHintBrokerConfig.of(brokerSettings(profile)).levelOfAuthentication();
            ensureAcrMapping(realm, loa);
            AuthenticationFlowModel sfoFlow = new SfoFlowBuilder(realm).ensure(profile);
            new TenantRealmHardening(session, realm).apply(sfoFlow);
            AuthenticationFlowModel flow = sfoFlow;
            if (profile.workflow != null && !profile.workflow.isBlank()) {
                AuthenticationFlowModel chosen = realm.getFlowByAlias(profile.workflow.trim());
                if (chosen == null || !chosen.isTopLevel()) {
                    throw new IllegalArgumentException("No top-level authentication flow '" + profile.workflow.trim() + "' in realm " + realm.getName());
                }
                flow = chosen;
            }
            ClientModel client = ensureClient(realm, profile, flow, loa);
            ensureProfilePageEntry(realm, profile);
            String discovery = discoveryUrl(session, realm);
            return new TenantRealmDescription(realm.getName(), client.getClientId(), profile.appId.trim(), discovery,
                    profile.authority().redirectUri(), flow.getAlias(), created);
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    /** What Entra's admin pastes as the discovery endpoint: the realm's issuer plus the well-known suffix. */
    public static String discoveryUrl(KeycloakSession session, RealmModel realm) {
        return Urls.realmIssuer(session.getContext().getUri(UrlType.FRONTEND).getBaseUri(), realm.getName())
                + "/.well-known/openid-configuration";
    }

    /** Through Keycloak's own import, so the new realm gets every default an admin-created realm gets (keys included). */
    private RealmModel createRealm(TenantProfile profile) {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(profile.realm);
        rep.setEnabled(true);
        rep.setDisplayName(profile.displayName == null || profile.displayName.isBlank() ? profile.realm : profile.displayName);
        return new RealmManager(session).importRealm(rep);
    }

    private void ensureAcrMapping(RealmModel realm, int loa) {
        Map<String, Integer> map = readAcrMap(realm.getAttribute(Constants.ACR_LOA_MAP));
        ENTRA_ACR_VALUES.forEach(acr -> map.putIfAbsent(acr, loa));
        realm.setAttribute(Constants.ACR_LOA_MAP, writeJson(map));
    }

    /**
     * A realm made by the REST call shows its profile on the admin console page like one made there. Only when the
     * page exists (feature declarative-ui); the page's own save lands here with its entry already stored, and saving
     * the entry applies the same profile again, which changes nothing.
     */
    private void ensureProfilePageEntry(RealmModel realm, TenantProfile profile) {
        // The page has no fields for a private cloud's authority; such profiles stay REST-only.
        boolean customIssuer = profile.authorityIssuerBaseUrl != null && !profile.authorityIssuerBaseUrl.isBlank();
        if (customIssuer || session.getKeycloakSessionFactory().getProviderFactory(UiPageProvider.class, ExternalAuthenticationProfilePage.PROVIDER_ID) == null) {
            return;
        }
        boolean listed = realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .anyMatch(c -> ExternalAuthenticationProfilePage.PROVIDER_ID.equals(c.getProviderId())
                        && profile.appId.trim().equals(c.get(ExternalAuthenticationProfilePage.APP_ID)));
        if (listed) {
            return;
        }
        ComponentModel entry = new ComponentModel();
        entry.setName(profile.name == null || profile.name.isBlank() ? profile.realm : profile.name);
        entry.setParentId(realm.getId());
        entry.setProviderType(UiPageProvider.class.getName());
        entry.setProviderId(ExternalAuthenticationProfilePage.PROVIDER_ID);
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.DISPLAY_NAME, profile.displayName == null ? "" : profile.displayName);
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.TENANT_ID, profile.tenantId.trim());
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.CLOUD, profile.cloud.trim());
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.REDIRECT_URI, profile.authority().redirectUri());
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.APP_ID, profile.appId.trim());
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.CLIENT_ID, profile.effectiveClientId());
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.WORKFLOW, profile.workflow == null ? FLOW_ALIAS : profile.workflow);
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.UNKNOWN_USER, profile.unknownUser == null ? "refuse" : profile.unknownUser);
        realm.addComponentModel(entry);
    }

    static Map<String, String> brokerSettings(TenantProfile profile) {
        Map<String, String> settings = new HashMap<>();
        settings.put(EntraHintBrokerConfig.TENANT_ID, profile.tenantId.trim());
        settings.put(EntraHintBrokerConfig.CLOUD, profile.cloud.trim());
        settings.put(EntraHintBrokerConfig.APP_IDS, profile.appId.trim());
        settings.put(EntraHintBrokerConfig.UNKNOWN_USER, profile.unknownUser == null ? "refuse" : profile.unknownUser.trim());
        putIfSet(settings, EntraHintBrokerConfig.CLOCK_SKEW_SECONDS, profile.clockSkewSeconds);
        putIfSet(settings, EntraHintBrokerConfig.MAX_HINT_AGE_SECONDS, profile.maxHintAgeSeconds);
        putIfSet(settings, EntraHintBrokerConfig.LEVEL_OF_AUTHENTICATION, profile.levelOfAuthentication);
        putIfSet(settings, EntraHintBrokerConfig.AUTHORITY_ISSUER_BASE_URL, profile.authorityIssuerBaseUrl);
        putIfSet(settings, EntraHintBrokerConfig.AUTHORITY_JWKS_URL, profile.authorityJwksUrl);
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            settings.put(key, value.toString().trim());
        }
    }

    /**
     * Field problems only the realm can reveal, checked before anything is changed: the Entra client is one that
     * provisioning made, never an existing client of Keycloak's or an admin's, which would be turned into a public
     * implicit client for Entra (Keycloak's own clients exist in every new realm too); and never the admin realm.
     */
    public static List<TenantProfile.FieldError> conflicts(KeycloakSession session, TenantProfile profile) {
        List<TenantProfile.FieldError> errors = new java.util.ArrayList<>();
        if (org.keycloak.Config.getAdminRealm().equals(profile.realm)) {
            errors.add(new TenantProfile.FieldError("realm", "The admin realm cannot serve an Entra tenant; name another realm."));
            return errors;
        }
        String clientId = profile.effectiveClientId() == null ? null : profile.effectiveClientId().trim();
        RealmModel realm = profile.realm == null ? null : session.realms().getRealmByName(profile.realm);
        ClientModel existing = realm == null || clientId == null ? null : realm.getClientByClientId(clientId);
        if ((existing != null && !TenantRealms.isEntraClient(existing)) || Constants.defaultClients.contains(clientId)) {
            errors.add(new TenantProfile.FieldError("clientId", "A client '" + clientId + "' exists in the realm and was not "
                    + "made for Entra; choose another Client ID (by default the App ID)."));
        }
        return errors;
    }

    private ClientModel ensureClient(RealmModel realm, TenantProfile profile, AuthenticationFlowModel flow, int loa) {
        String clientId = profile.effectiveClientId().trim();
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null) {
            client = realm.addClient(clientId);
        } else if (!TenantRealms.isEntraClient(client)) {
            throw new IllegalStateException("client " + clientId + " was not made for Entra; conflicts() refuses this");
        }
        client.setName(profile.displayName == null || profile.displayName.isBlank() ? profile.name : profile.displayName);
        client.setDescription("Microsoft Entra ID external MFA (" + (profile.name == null ? profile.realm : profile.name) + ")");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setEnabled(true);
        // Contract 2 and 4: Entra sends response_type=id_token with form_post and authenticates nothing itself.
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
        client.setAttribute(CLIENT_ATTRIBUTE_TENANT, profile.tenantId.trim());
        client.setAttribute(CLIENT_ATTRIBUTE_APP_ID, profile.appId.trim());
        client.setAttribute(CLIENT_ATTRIBUTE_CLOUD, profile.cloud.trim());
        client.setAttribute(CLIENT_ATTRIBUTE_PROFILE_NAME, profile.name == null ? "" : profile.name);
        Map<String, Integer> acrMap = readAcrMap(client.getAttribute(Constants.ACR_LOA_MAP));
        ENTRA_ACR_VALUES.forEach(acr -> acrMap.putIfAbsent(acr, loa));
        client.setAttribute(Constants.ACR_LOA_MAP, writeJson(acrMap));
        client.setAuthenticationFlowBindingOverride("browser", flow.getId());
        // Keycloak's default scopes would add its own sub, acr and AMR mappers (contract 6).
        ClientModel entraClient = client;
        for (boolean defaultScope : new boolean[]{true, false}) {
            for (ClientScopeModel scope : List.copyOf(client.getClientScopes(defaultScope).values())) {
                entraClient.removeClientScope(scope);
            }
        }
        boolean hasClaimsMapper = client.getProtocolMappersStream()
                .anyMatch(m -> EntraClaimsMapper.PROVIDER_ID.equals(m.getProtocolMapper()));
        if (!hasClaimsMapper) {
            client.addProtocolMapper(EntraClaimsMapper.create(CLAIMS_MAPPER_NAME));
        }
        return client;
    }

    private static Map<String, Integer> readAcrMap(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(JsonSerialization.readValue(json, new TypeReference<Map<String, Integer>>() {
            }));
        } catch (IOException e) {
            return new LinkedHashMap<>();
        }
    }

    private static String writeJson(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
