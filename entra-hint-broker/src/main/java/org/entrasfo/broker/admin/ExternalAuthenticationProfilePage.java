package org.entrasfo.broker.admin;

import org.entrasfo.broker.provisioning.SfoFlow;
import org.entrasfo.broker.provisioning.EntraTenantProvisioner;
import org.entrasfo.broker.provisioning.LoginTheme;
import org.entrasfo.broker.provisioning.ProfilePageEntry;
import java.util.List;
import java.util.Optional;

import org.entrasfo.broker.hint.EntraCloud;
import org.entrasfo.broker.link.UnknownUserPolicy;
import org.entrasfo.broker.selftest.Finding;
import org.entrasfo.broker.selftest.RealmConfigurationCheck;
import org.entrasfo.factor.SecondFactor;
import org.entrasfo.factor.SecondFactors;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The "Microsoft External Authentication" page of the admin console (Keycloak's declarative UI pages, feature
 * {@code declarative-ui}): each entry is one application profile of this realm's Entra tenant. Saving checks the
 * fields, then creates or updates the Entra client, its flow binding, mappers, ACR-to-LoA mapping, factors and WebAuthn
 * policy exactly as the provisioning REST call does, and fills in the Client ID and discovery URL to paste into Entra.
 */
public class ExternalAuthenticationProfilePage extends AdminConsolePage {

    public static final String PROVIDER_ID = "Microsoft External Authentication";

    public static final String DISPLAY_NAME = "displayName";
    public static final String TENANT_ID = "tenantId";
    public static final String CLOUD = "cloud";
    public static final String REDIRECT_URI = "redirectUri";
    public static final String APP_ID = "appId";
    public static final String CLIENT_ID = "clientId";
    public static final String WORKFLOW = "workflow";
    public static final String UNKNOWN_USER = "unknownUser";
    public static final String LOGIN_THEME = "loginTheme";
    public static final String BRAND_LOGO = "brandLogo";
    public static final String BRAND_COLOUR = "brandColour";
    static final String COPY_CLIENT_ID = "entraClientId";
    static final String COPY_DISCOVERY_URL = "entraDiscoveryUrl";
    public static final String SELF_TEST = "selfTest";

    /** The factor ids deployed on this node, the options of the Factors field. */
    private volatile List<String> factorIds = List.of();
    /** The deployed factors' own realm settings (the face engine, for one), each shown as its factor states it. */
    private volatile List<SecondFactor> factorsWithSettings = List.of();

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factorIds = SecondFactors.deployed(factory).stream().map(SecondFactor::getId).toList();
        factorsWithSettings = SecondFactors.deployed(factory).stream().filter(f -> f.realmSettings().isPresent()).toList();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Application profiles for Microsoft Entra ID external authentication. Saving a profile sets up the Entra "
                + "client of this realm; copy the Client ID and the discovery URL it shows into Entra (Authentication "
                + "methods, Add external method).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new java.util.ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(DISPLAY_NAME).label("User-friendly name").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Shown to users on the sign-in pages, for example the hospital's name.").add()
                .property().name(TENANT_ID).label("Entra tenant ID").type(ProviderConfigProperty.STRING_TYPE).required(true)
                .helpText("The Directory (tenant) ID, a GUID.").add()
                .property().name(CLOUD).label("Cloud").type(ProviderConfigProperty.LIST_TYPE)
                .options(EntraCloud.GLOBAL.name(), EntraCloud.US_GOVERNMENT.name(), EntraCloud.CHINA.name())
                .defaultValue(EntraCloud.GLOBAL.name()).helpText("The Microsoft cloud of the tenant.").add()
                .property().name(REDIRECT_URI).label("Redirect URI").type(ProviderConfigProperty.LIST_TYPE)
                .options(EntraCloud.GLOBAL.authority().redirectUri(), EntraCloud.US_GOVERNMENT.authority().redirectUri(),
                        EntraCloud.CHINA.authority().redirectUri())
                .defaultValue(EntraCloud.GLOBAL.authority().redirectUri())
                .helpText("Where Entra expects the answer: the standard one of the chosen cloud.").add()
                .property().name(APP_ID).label("App ID").type(ProviderConfigProperty.STRING_TYPE).required(true)
                .helpText("Application (client) ID of the Entra app registration of the external method, a GUID.").add()
                .property().name(CLIENT_ID).label("Client ID (optional)").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Keycloak client ID for Entra. Empty: the App ID, as Microsoft recommends.").add()
                .property().name(WORKFLOW).label("Workflow").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(SfoFlow.FLOW_ALIAS)
                .helpText("Alias of the authentication flow users go through; the second-factor-only flow by default.").add()
                .property().name(UNKNOWN_USER).label("Unknown Entra users").type(ProviderConfigProperty.LIST_TYPE)
                .options("refuse", "link-existing", "create").defaultValue("refuse")
                .helpText("What happens to a hint whose oid and tid no user carries.").add()
                .property().name(LOGIN_THEME).label("Login theme").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The realm's login theme, set on every save. Empty: a new realm gets " + LoginTheme.PRODUCT_THEME
                        + " (who is signing in, Cancel back to Entra), an existing realm keeps its own.").add()
                .property().name(BRAND_LOGO).label("Logo").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The organisation's logo on the sign-in pages: an https address, or a data:image (png, jpeg, gif, "
                        + "webp or svg+xml, base64, at most 2 KB). Empty: none.").add()
                .property().name(BRAND_COLOUR).label("Product colour").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The colour of buttons and links on the sign-in pages, as #rrggbb; white text on it must reach "
                        + "WCAG AA contrast (4.5:1), so a colour that is too light is refused. Empty: the theme's.").add()
                .build());
        properties.addAll(PasskeyPageFields.properties(factorIds));
        properties.addAll(ScimPageFields.properties());
        factorsWithSettings.forEach(factor -> properties.addAll(factor.realmSettings().orElseThrow().properties()));
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(COPY_CLIENT_ID).label("Client ID to paste into Entra").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Filled in when the profile is saved.").add()
                .property().name(COPY_DISCOVERY_URL).label("Discovery URL to paste into Entra").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Filled in when the profile is saved.").add()
                .property().name(SELF_TEST).label("Self-test").type(ProviderConfigProperty.TEXT_TYPE)
                .helpText("The realm's side of the self-test, run on every save: what fails and how to fix it. Entra's side "
                        + "(what Entra fetches, a round trip) runs from the command line, see the README.").add()
                .build());
        return properties;
    }

    /** Field checks, and the values to paste into Entra: run before Keycloak stores the profile. */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) throws ComponentValidationException {
        TenantProfile profile = profileOf(realm, model);
        List<TenantProfile.FieldError> errors = new java.util.ArrayList<>(profile.validate(EntraTenantProvisioner.factorIds(session)));
        errors.addAll(EntraTenantProvisioner.conflicts(session, profile));
        if (profile.workflow != null && !profile.workflow.isBlank() && realm.getFlowByAlias(profile.workflow.trim()) == null
                && !SfoFlow.FLOW_ALIAS.equals(profile.workflow.trim())) {
            errors = new java.util.ArrayList<>(errors);
            errors.add(new TenantProfile.FieldError(WORKFLOW, "There is no flow '" + profile.workflow.trim() + "' in this realm."));
        }
        if (errors.isEmpty()) {
            Optional<String> scim = ScimPageFields.check(session, realm, model);
            if (scim.isPresent()) {
                errors = List.of(new TenantProfile.FieldError(ScimPageFields.SCIM, scim.get()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ComponentValidationException(errors.stream().map(this::readable).reduce((a, b) -> a + " " + b).orElse(""));
        }
        model.getConfig().putSingle(COPY_CLIENT_ID, profile.effectiveClientId());
        model.getConfig().putSingle(COPY_DISCOVERY_URL, EntraTenantProvisioner.discoveryUrl(session, realm));
    }

    /** The field as the form labels it, and its key, which the REST call names too. */
    private String readable(TenantProfile.FieldError error) {
        String key = error.field() != null && error.field().startsWith("factorSettings.")
                ? error.field().substring(error.field().lastIndexOf('.') + 1)
                : PasskeyPageFields.REST_TO_PAGE.getOrDefault(error.field(), error.field());
        String label = getConfigProperties().stream().filter(p -> p.getName().equals(key)).map(ProviderConfigProperty::getLabel)
                .findFirst().orElse(null);
        return (label == null ? key : label + " (" + key + ")") + ": " + error.message();
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (ProfilePageEntry.writingEntry(session)) {
            return; // a REST call listing the profile it has just applied, its self-test included
        }
        applyFromThePage(session, realm, model);
        ScimPageFields.apply(session, realm, model);
        recordOutcome(session, realm, model);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        if (ProfilePageEntry.writingEntry(session)) {
            return; // a REST call showing what it just applied
        }
        applyFromThePage(session, realm, newModel);
        ScimPageFields.apply(session, realm, newModel);
        recordOutcome(session, realm, newModel);
    }

    /** The save sets the realm up as the REST call does; a realm another call is creating right now is refused. */
    private void applyFromThePage(KeycloakSession session, RealmModel realm, ComponentModel model) {
        try {
            ProfilePageEntry.writing(session, () -> new EntraTenantProvisioner(session).apply(profileOf(realm, model)));
        } catch (EntraTenantProvisioner.CreationInProgress e) {
            throw new ComponentValidationException(e.getMessage());
        }
    }

    /**
     * The self-test, and the factors' realm settings as the realm now holds them, so the entry never keeps a secret the
     * admin typed (only Keycloak's mask). Stored only when it changed, so the update it causes finds nothing new and ends there.
     */
    private void recordOutcome(KeycloakSession session, RealmModel realm, ComponentModel model) {
        MultivaluedHashMap<String, String> before = new MultivaluedHashMap<>(model.getConfig());
        model.getConfig().putSingle(SELF_TEST, selfTest(session, realm));
        showFactorSettings(session, realm, factorsWithSettings, model.getConfig());
        if (!before.equals(model.getConfig())) {
            realm.updateComponent(model);
        }
    }

    /** Each factor's realm settings as the realm holds them (secrets masked); an unset one as empty. */
    public static void showFactorSettings(KeycloakSession session, RealmModel realm, List<SecondFactor> factors,
                                          MultivaluedHashMap<String, String> entryConfig) {
        for (SecondFactor factor : factors) {
            factor.realmSettings().ifPresent(settings -> {
                java.util.Map<String, String> shown = settings.shown(session, realm);
                settings.properties().forEach(p -> entryConfig.putSingle(p.getName(), shown.getOrDefault(p.getName(), "")));
            });
        }
    }

    /** The realm's side of the self-test as the entry's field shows it. */
    public static String selfTest(KeycloakSession session, RealmModel realm) {
        return summary(RealmConfigurationCheck.run(session, realm));
    }

    static String summary(List<Finding> findings) {
        StringBuilder text = new StringBuilder();
        for (Finding.Status status : Finding.Status.values()) {
            long count = findings.stream().filter(f -> f.status() == status).count();
            text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(status.name().toLowerCase(java.util.Locale.ROOT));
        }
        text.append('.');
        findings.stream().filter(f -> f.status() != Finding.Status.PASSED).forEach(f -> text.append('\n')
                .append(f.status()).append(' ').append(f.rule()).append(": ").append(f.detail()).append(" Fix: ").append(f.fix()));
        return text.toString();
    }

    /** An entry for a REST profile shows the profile's factors and passkey settings. */
    public static void showFactorsAndPolicyOf(TenantProfile profile, MultivaluedHashMap<String, String> entryConfig) {
        entryConfig.putAll(PasskeyPageFields.of(profile.factors, profile.passkey));
    }

    TenantProfile profileOf(RealmModel realm, ComponentModel model) {
        TenantProfile profile = new TenantProfile();
        profile.realm = realm.getName();
        profile.name = model.getName();
        profile.displayName = model.get(DISPLAY_NAME);
        profile.tenantId = model.get(TENANT_ID);
        profile.cloud = model.get(CLOUD, EntraCloud.GLOBAL.name());
        profile.redirectUri = model.get(REDIRECT_URI);
        profile.appId = model.get(APP_ID);
        profile.clientId = model.get(CLIENT_ID);
        profile.workflow = model.get(WORKFLOW);
        profile.unknownUser = model.get(UNKNOWN_USER, UnknownUserPolicy.REFUSE.configValue());
        profile.loginTheme = model.get(LOGIN_THEME);
        // The page shows every field: what it leaves empty is removed from the realm.
        profile.brandLogo = model.get(BRAND_LOGO, "");
        profile.brandColour = model.get(BRAND_COLOUR, "");
        profile.factors = PasskeyPageFields.factors(model.getConfig());
        profile.passkey = PasskeyPageFields.passkey(model.getConfig());
        // Every field of the page is sent: an empty one removes the setting, a masked secret keeps it.
        profile.factorSettings = new java.util.LinkedHashMap<>();
        for (SecondFactor factor : factorsWithSettings) {
            java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
            factor.realmSettings().orElseThrow().properties().forEach(p -> values.put(p.getName(), model.get(p.getName(), "")));
            profile.factorSettings.put(factor.getId(), values);
        }
        return profile;
    }
}
