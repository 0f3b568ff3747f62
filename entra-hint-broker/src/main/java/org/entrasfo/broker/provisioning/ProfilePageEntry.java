package org.entrasfo.broker.provisioning;

import java.util.Optional;

import org.entrasfo.broker.admin.ExternalAuthenticationProfilePage;
import org.entrasfo.broker.admin.TenantProfile;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiPageProvider;

/**
 * A realm made by the REST call shows its profile on the admin console page like one made there, and a later REST call
 * shows what it changed there too: otherwise the next save on the page would put the older values back. Only where
 * the page exists (feature declarative-ui). The page has no fields for a private cloud's authority, so such profiles
 * stay REST-only.
 */
public final class ProfilePageEntry implements ProvisioningStep {

    /**
     * Set while the entry is being written: by a REST call (Keycloak then calls the page's own save handlers, which
     * must not apply the profile again), or by the page's own save (whose entry is already what it applies).
     */
    private static final String WRITING_ENTRY = ProfilePageEntry.class.getName() + ".writing-entry";

    @Override
    public void apply(TenantRealmSetup setup) {
        TenantProfile profile = setup.profile();
        RealmModel realm = setup.realm();
        boolean customIssuer = profile.authorityIssuerBaseUrl != null && !profile.authorityIssuerBaseUrl.isBlank();
        if (customIssuer || writingEntry(setup.session()) || setup.session().getKeycloakSessionFactory()
                .getProviderFactory(UiPageProvider.class, ExternalAuthenticationProfilePage.PROVIDER_ID) == null) {
            return;
        }
        Optional<ComponentModel> listed = realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(c -> ExternalAuthenticationProfilePage.PROVIDER_ID.equals(c.getProviderId())
                        && profile.appId.trim().equals(c.get(ExternalAuthenticationProfilePage.APP_ID)))
                .findFirst();
        if (listed.isPresent()) {
            refresh(setup, listed.get(), profile);
            return;
        }
        ComponentModel entry = new ComponentModel();
        entry.setName(profile.name == null || profile.name.isBlank() ? profile.realm : profile.name);
        entry.setParentId(realm.getId());
        entry.setProviderType(UiPageProvider.class.getName());
        entry.setProviderId(ExternalAuthenticationProfilePage.PROVIDER_ID);
        fields(profile).forEach(entry.getConfig()::put);
        ExternalAuthenticationProfilePage.showFactorSettings(setup.session(), realm, setup.factors(), entry.getConfig());
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.LOGIN_THEME, LoginTheme.named(profile).orElse(""));
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.BRAND_LOGO, profile.brandLogo == null ? "" : profile.brandLogo.trim());
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.BRAND_COLOUR, profile.brandColour == null ? "" : profile.brandColour.trim());
        // The last step: the realm is set up, so the entry is written once, with its self-test (the page's own save
        // handlers, which would apply the profile again and store the self-test in a second write, stand aside).
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.SELF_TEST, ExternalAuthenticationProfilePage.selfTest(setup.session(), realm));
        writing(setup.session(), () -> realm.addComponentModel(entry));
    }

    /** Whether the page's save handlers run inside a REST call's write of its entry. */
    public static boolean writingEntry(KeycloakSession session) {
        return session.getAttribute(WRITING_ENTRY) != null;
    }

    /**
     * The fields the call set, and only those: a field it left out (a theme, a logo, the factors) stays as the entry
     * shows it, as it stays in the realm.
     */
    private static void refresh(TenantRealmSetup setup, ComponentModel entry, TenantProfile profile) {
        KeycloakSession session = setup.session();
        RealmModel realm = setup.realm();
        MultivaluedHashMap<String, String> shown = new MultivaluedHashMap<>(entry.getConfig());
        // The factors' realm settings as the realm now holds them, whichever call set them.
        ExternalAuthenticationProfilePage.showFactorSettings(session, realm, setup.factors(), shown);
        // Keycloak's putAll adds to a key's values; put replaces them.
        fields(profile).forEach(shown::put);
        LoginTheme.named(profile).ifPresent(theme -> shown.putSingle(ExternalAuthenticationProfilePage.LOGIN_THEME, theme));
        if (profile.brandLogo != null) {
            shown.putSingle(ExternalAuthenticationProfilePage.BRAND_LOGO, profile.brandLogo.trim());
        }
        if (profile.brandColour != null) {
            shown.putSingle(ExternalAuthenticationProfilePage.BRAND_COLOUR, profile.brandColour.trim());
        }
        shown.putSingle(ExternalAuthenticationProfilePage.SELF_TEST, ExternalAuthenticationProfilePage.selfTest(session, realm));
        if (shown.equals(entry.getConfig())) {
            return;
        }
        entry.setConfig(shown);
        writing(session, () -> realm.updateComponent(entry));
    }

    /** Runs a write of the entry (the REST call's, or the page's own save applying the profile) without a nested one. */
    public static void writing(KeycloakSession session, Runnable write) {
        if (writingEntry(session)) {
            write.run(); // inside another write: that one ends it
            return;
        }
        session.setAttribute(WRITING_ENTRY, Boolean.TRUE);
        try {
            write.run();
        } finally {
            session.removeAttribute(WRITING_ENTRY);
        }
    }

    /** What every call decides (defaults included), and the factors and passkey settings it names. */
    private static MultivaluedHashMap<String, String> fields(TenantProfile profile) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(ExternalAuthenticationProfilePage.DISPLAY_NAME, profile.displayName == null ? "" : profile.displayName);
        config.putSingle(ExternalAuthenticationProfilePage.TENANT_ID, profile.tenantId.trim());
        config.putSingle(ExternalAuthenticationProfilePage.CLOUD, profile.cloud.trim());
        config.putSingle(ExternalAuthenticationProfilePage.REDIRECT_URI, profile.authority().redirectUri());
        config.putSingle(ExternalAuthenticationProfilePage.APP_ID, profile.appId.trim());
        config.putSingle(ExternalAuthenticationProfilePage.CLIENT_ID, profile.effectiveClientId());
        config.putSingle(ExternalAuthenticationProfilePage.WORKFLOW, profile.workflow == null ? SfoFlow.FLOW_ALIAS : profile.workflow);
        config.putSingle(ExternalAuthenticationProfilePage.UNKNOWN_USER, profile.unknownUser == null ? "refuse" : profile.unknownUser);
        // Shown as the call set them, so saving the entry does not set the console's defaults over them.
        ExternalAuthenticationProfilePage.showFactorsAndPolicyOf(profile, config);
        return config;
    }
}
