package org.entrasfo.broker.provisioning;

import org.entrasfo.broker.admin.ExternalAuthenticationProfilePage;
import org.entrasfo.broker.admin.TenantProfile;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiPageProvider;

/**
 * A realm made by the REST call shows its profile on the admin console page like one made there. Only where the page
 * exists (feature declarative-ui); the page's own save lands here with its entry already stored, and saving the entry
 * applies the same profile again, which changes nothing. The page has no fields for a private cloud's authority, so
 * such profiles stay REST-only.
 */
public final class ProfilePageEntry implements ProvisioningStep {

    @Override
    public void apply(TenantRealmSetup setup) {
        TenantProfile profile = setup.profile();
        RealmModel realm = setup.realm();
        boolean customIssuer = profile.authorityIssuerBaseUrl != null && !profile.authorityIssuerBaseUrl.isBlank();
        if (customIssuer || setup.session().getKeycloakSessionFactory()
                .getProviderFactory(UiPageProvider.class, ExternalAuthenticationProfilePage.PROVIDER_ID) == null) {
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
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.WORKFLOW, profile.workflow == null ? SfoFlow.FLOW_ALIAS : profile.workflow);
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.UNKNOWN_USER, profile.unknownUser == null ? "refuse" : profile.unknownUser);
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.LOGIN_THEME, LoginTheme.named(profile).orElse(""));
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.BRAND_LOGO, profile.brandLogo == null ? "" : profile.brandLogo.trim());
        entry.getConfig().putSingle(ExternalAuthenticationProfilePage.BRAND_COLOUR, profile.brandColour == null ? "" : profile.brandColour.trim());
        // Shown as the REST call set them, so saving the entry does not set the console's defaults over them.
        ExternalAuthenticationProfilePage.showFactorsAndPolicyOf(profile, entry);
        realm.addComponentModel(entry);
    }
}
