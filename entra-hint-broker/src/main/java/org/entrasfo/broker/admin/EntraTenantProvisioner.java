package org.entrasfo.broker.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import org.entrasfo.broker.EntraHintBrokerAuthenticatorFactory;
import org.entrasfo.broker.EntraHintBrokerConfig;
import org.entrasfo.broker.TenantRealms;
import org.entrasfo.broker.link.EntraUserLinker;
import org.entrasfo.broker.mappers.EntraClaimsMapper;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.RealmManager;
import org.keycloak.urls.UrlType;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.userprofile.UserProfileProvider;
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
    /** Lets users add push devices from the Account Console ("Set up push approval"). */
    public static final String PUSH_ENROLMENT_ACTION = "sfo-push-enrol";
    /** Help desk operators: may issue temporary second-factor codes, nothing else. */
    public static final String HELPDESK_ROLE = "sfo-helpdesk";
    public static final String DEFAULT_FACTOR = "sfo-otp";
    public static final String CLAIMS_MAPPER_NAME = "Entra external MFA claims";

    /** Contract 2 and 4: every acr value Entra may send, so no request dies on Keycloak's 400 for an unmapped essential acr. */
    public static final List<String> ENTRA_ACR_VALUES = List.of(
            "possessionorinherence", "knowledgeorpossession", "knowledgeorinherence",
            "knowledgeorpossessionorinherence", "knowledge", "possession", "inherence");

    public static final String CLIENT_ATTRIBUTE_TENANT = "entra-sfo.tenant-id";
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
            ensureRealmSettings(realm);
            TenantRealms.mark(realm, profile.tenantId.trim());
            if (realm.getRole(HELPDESK_ROLE) == null) {
                realm.addRole(HELPDESK_ROLE).setDescription("Issues temporary second-factor codes to users who lost their device");
            }
            int loa = EntraHintBrokerConfig.of(brokerSettings(profile)).levelOfAuthentication();
            ensureAcrMapping(realm, loa);
            ensureUserProfileAttributes();
            AuthenticationFlowModel flow = ensureFlow(realm, profile);
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

    /**
     * What a tenant realm needs whether this call created it or an admin did: the audit trail on, brute-force
     * detection on (wrong codes must lock out), no profile form interrupting Entra's five minutes, and id_tokens
     * living minutes. Only ever tightens, so applying it again changes nothing.
     */
    private void ensureRealmSettings(RealmModel realm) {
        if (!realm.isEventsEnabled()) {
            realm.setEventsEnabled(true);
            realm.setEventsExpiration(90L * 24 * 3600);
        }
        if (!realm.isAdminEventsEnabled()) {
            realm.setAdminEventsEnabled(true);
            realm.setAdminEventsDetailsEnabled(true);
        }
        if (!realm.isBruteForceProtected()) {
            realm.setBruteForceProtected(true);
        }
        if (realm.getAccessTokenLifespanForImplicitFlow() > 300) {
            realm.setAccessTokenLifespanForImplicitFlow(300);
        }
        if (realm.getRequiredActionProviderByAlias(PUSH_ENROLMENT_ACTION) == null) {
            RequiredActionProviderModel pushEnrolment = new RequiredActionProviderModel();
            pushEnrolment.setAlias(PUSH_ENROLMENT_ACTION);
            pushEnrolment.setProviderId(PUSH_ENROLMENT_ACTION);
            pushEnrolment.setName("Set up push approval");
            pushEnrolment.setEnabled(true);
            pushEnrolment.setDefaultAction(false);
            pushEnrolment.setPriority(100);
            realm.addRequiredActionProvider(pushEnrolment);
        }
        RequiredActionProviderModel verifyProfile = realm.getRequiredActionProviderByAlias(UserModel.RequiredAction.VERIFY_PROFILE.name());
        if (verifyProfile != null && verifyProfile.isEnabled()) {
            verifyProfile.setEnabled(false);
            realm.updateRequiredActionProvider(verifyProfile);
        }
    }

    private void ensureAcrMapping(RealmModel realm, int loa) {
        Map<String, Integer> map = readAcrMap(realm.getAttribute(Constants.ACR_LOA_MAP));
        ENTRA_ACR_VALUES.forEach(acr -> map.putIfAbsent(acr, loa));
        realm.setAttribute(Constants.ACR_LOA_MAP, writeJson(map));
    }

    /** The binding attributes are visible and editable for admins (so a helpdesk can fix a link), never for users. */
    private void ensureUserProfileAttributes() {
        UserProfileProvider userProfile = session.getProvider(UserProfileProvider.class);
        UPConfig config = userProfile.getConfiguration();
        boolean changed = false;
        for (String[] attribute : new String[][]{
                {EntraUserLinker.OID_ATTRIBUTE, "Entra object ID", "admin"},
                {EntraUserLinker.TID_ATTRIBUTE, "Entra tenant ID", "admin"},
                // Where the SMS factor looks by default; users see their number in the Account Console.
                {"phoneNumber", "Mobile number", "user"},
                {"sfo_enrolment_until", "Second factor enrolment open until", "admin"},
                {"sfo_hardware_otp", "Imported hardware OTP tokens", "admin"}}) {
            if (config.getAttribute(attribute[0]) == null) {
                Set<String> viewers = "user".equals(attribute[2]) ? Set.of("admin", "user") : Set.of("admin");
                UPAttribute definition = new UPAttribute(attribute[0], new UPAttributePermissions(viewers, Set.of("admin")));
                if (attribute[0].startsWith("sfo_hardware")) {
                    definition.setMultivalued(true);
                }
                definition.setDisplayName(attribute[1]);
                config.addOrReplaceAttribute(definition);
                changed = true;
            }
        }
        if (changed) {
            userProfile.setConfiguration(config);
        }
    }

    private AuthenticationFlowModel ensureFlow(RealmModel realm, TenantProfile profile) {
        AuthenticationFlowModel flow = realm.getFlowByAlias(FLOW_ALIAS);
        if (flow == null) {
            flow = new AuthenticationFlowModel();
            flow.setAlias(FLOW_ALIAS);
            flow.setDescription("Microsoft Entra ID external MFA: the Entra hint proves the first factor, one second factor follows. "
                    + "No password, no username form, no cookie shortcut.");
            flow.setProviderId("basic-flow");
            flow.setTopLevel(true);
            flow.setBuiltIn(false);
            flow = realm.addAuthenticationFlow(flow);
            AuthenticatorConfigModel config = new AuthenticatorConfigModel();
            config.setAlias(BROKER_CONFIG_ALIAS);
            config.setConfig(brokerSettings(profile));
            config = realm.addAuthenticatorConfig(config);
            addExecution(realm, flow, EntraHintBrokerAuthenticatorFactory.PROVIDER_ID, 10, config.getId(), REQUIRED);
            addExecution(realm, flow, POLICY_STEP, 20, null, REQUIRED);
            // Alternatives in a subflow: Keycloak takes the first usable one and offers the others as "try another way".
            AuthenticationFlowModel factors = new AuthenticationFlowModel();
            factors.setAlias(FACTORS_FLOW_ALIAS);
            factors.setDescription("The second factors; the policy step skips those the user cannot use.");
            factors.setProviderId("basic-flow");
            factors.setTopLevel(false);
            factors.setBuiltIn(false);
            factors = realm.addAuthenticationFlow(factors);
            AuthenticationExecutionModel subflow = new AuthenticationExecutionModel();
            subflow.setParentFlow(flow.getId());
            subflow.setFlowId(factors.getId());
            subflow.setAuthenticatorFlow(true);
            subflow.setRequirement(REQUIRED);
            subflow.setPriority(30);
            realm.addAuthenticatorExecution(subflow);
            int priority = 10;
            for (String factor : SECOND_FACTORS) {
                addExecution(realm, factors, factor, priority, null,
                        profile.factors.contains(factor) ? AuthenticationExecutionModel.Requirement.ALTERNATIVE
                                : AuthenticationExecutionModel.Requirement.DISABLED);
                priority += 10;
            }
            return flow;
        }
        // An existing flow may have been edited by the admin; only the broker settings the profile names follow it,
        // so settings made elsewhere (clock skew set by REST, an authority for a private cloud) stay.
        realm.getAuthenticationExecutionsStream(flow.getId())
                .filter(e -> EntraHintBrokerAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()))
                .filter(e -> e.getAuthenticatorConfig() != null)
                .map(e -> realm.getAuthenticatorConfigById(e.getAuthenticatorConfig()))
                .filter(c -> c != null)
                .forEach(c -> {
                    Map<String, String> merged = new HashMap<>(c.getConfig() == null ? Map.of() : c.getConfig());
                    merged.putAll(brokerSettings(profile));
                    if (!merged.equals(c.getConfig())) {
                        c.setConfig(merged);
                        realm.updateAuthenticatorConfig(c);
                    }
                });
        return flow;
    }

    private static final AuthenticationExecutionModel.Requirement REQUIRED = AuthenticationExecutionModel.Requirement.REQUIRED;

    private static void addExecution(RealmModel realm, AuthenticationFlowModel flow, String authenticator, int priority,
                                     String configId, AuthenticationExecutionModel.Requirement requirement) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setParentFlow(flow.getId());
        execution.setAuthenticator(authenticator);
        execution.setRequirement(requirement);
        execution.setPriority(priority);
        execution.setAuthenticatorFlow(false);
        execution.setAuthenticatorConfig(configId);
        realm.addAuthenticatorExecution(execution);
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

    private ClientModel ensureClient(RealmModel realm, TenantProfile profile, AuthenticationFlowModel flow, int loa) {
        String clientId = profile.effectiveClientId().trim();
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null) {
            client = realm.addClient(clientId);
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
