package org.entrasfo.broker.provisioning;

import java.util.Optional;

import org.entrasfo.broker.admin.TenantProfile;

/**
 * The realm's login theme. A realm made by provisioning gets the product's theme (who is signing in, Cancel back to
 * Entra, no username box or restart that would lose Entra's transaction); an existing realm keeps the theme its admin
 * chose unless the profile names one. Themes are Keycloak's own realm setting, so the admin may change it later.
 */
public final class LoginTheme implements ProvisioningStep {

    /** The product's login theme (module admin-theme). */
    public static final String PRODUCT_THEME = "entra-sfo";

    @Override
    public void apply(TenantRealmSetup setup) {
        named(setup.profile()).ifPresent(setup.realm()::setLoginTheme);
    }

    /** The theme the profile names, if any. */
    public static Optional<String> named(TenantProfile profile) {
        return profile.loginTheme == null || profile.loginTheme.isBlank() ? Optional.empty() : Optional.of(profile.loginTheme.trim());
    }

    /** The theme a realm made for the profile starts with. */
    static String forNewRealm(TenantProfile profile) {
        return named(profile).orElse(PRODUCT_THEME);
    }
}
