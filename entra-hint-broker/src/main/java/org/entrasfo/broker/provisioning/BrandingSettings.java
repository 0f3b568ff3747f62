package org.entrasfo.broker.provisioning;

import org.entrasfo.broker.admin.Branding;
import org.entrasfo.broker.admin.TenantProfile;
import org.keycloak.models.RealmModel;

/**
 * The organisation's logo and colour as realm attributes, read by the sign-in pages. A profile without them leaves
 * what is there; an empty value removes it. Values arrive here only after {@link TenantProfile#validate}.
 */
public final class BrandingSettings implements ProvisioningStep {

    @Override
    public void apply(TenantRealmSetup setup) {
        TenantProfile profile = setup.profile();
        RealmModel realm = setup.realm();
        if (profile.brandLogo != null) {
            set(realm, Branding.LOGO_ATTRIBUTE, profile.brandLogo.trim());
        }
        if (profile.brandColour != null) {
            set(realm, Branding.COLOUR_ATTRIBUTE, profile.brandColour.isBlank() ? "" : Branding.normalisedColour(profile.brandColour));
        }
    }

    private static void set(RealmModel realm, String attribute, String value) {
        if (value.isEmpty()) {
            realm.removeAttribute(attribute);
        } else if (!value.equals(realm.getAttribute(attribute))) {
            realm.setAttribute(attribute, value);
        }
    }
}
