package org.entrasfo.broker.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.entrasfo.broker.link.EntraUserLinker;
import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.SecondFactor;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * The user-profile attributes that bind a user to Entra, and those the factors read (where codes go, which tokens a
 * user holds, the enrolment window), defined or made admin-editable: a user who could edit {@code entra_oid} would
 * re-bind themselves to another Entra identity, one who could edit their email or mobile number would move their codes.
 */
public final class AdminOnlyAttributes implements ProvisioningStep {

    /** The broker's own: the Entra binding. */
    static final List<FactorSetup.UserAttribute> ENTRA_BINDING = List.of(
            new FactorSetup.UserAttribute(EntraUserLinker.OID_ATTRIBUTE, "Entra object ID", false, false),
            new FactorSetup.UserAttribute(EntraUserLinker.TID_ATTRIBUTE, "Entra tenant ID", false, false));

    /** Every attribute only admins may edit: the Entra binding and what the deployed factors declare, once each. */
    public static List<FactorSetup.UserAttribute> of(List<SecondFactor> factors) {
        Map<String, FactorSetup.UserAttribute> byName = new LinkedHashMap<>();
        ENTRA_BINDING.forEach(attribute -> byName.put(attribute.name(), attribute));
        factors.forEach(factor -> factor.setup().userAttributes().forEach(attribute -> byName.putIfAbsent(attribute.name(), attribute)));
        return new ArrayList<>(byName.values());
    }

    @Override
    public void apply(TenantRealmSetup setup) {
        RealmModel previous = setup.session().getContext().getRealm();
        // The user profile provider works on the context's realm.
        setup.session().getContext().setRealm(setup.realm());
        try {
            UserProfileProvider userProfile = setup.session().getProvider(UserProfileProvider.class);
            UPConfig config = userProfile.getConfiguration();
            if (protect(config, of(setup.factors()))) {
                userProfile.setConfiguration(config);
            }
        } finally {
            setup.session().getContext().setRealm(previous);
        }
    }

    /** True when the configuration changed. */
    static boolean protect(UPConfig config, List<FactorSetup.UserAttribute> wanted) {
        boolean changed = false;
        for (FactorSetup.UserAttribute attribute : wanted) {
            UPAttribute definition = config.getAttribute(attribute.name());
            Set<String> viewers = attribute.userMaySee() ? Set.of("admin", "user") : Set.of("admin");
            if (definition == null) {
                definition = new UPAttribute(attribute.name(), new UPAttributePermissions(viewers, Set.of("admin")));
                definition.setDisplayName(attribute.displayName());
                definition.setMultivalued(attribute.multivalued());
                config.addOrReplaceAttribute(definition);
                changed = true;
            } else if (!adminOnlyEdit(definition)) {
                definition.setPermissions(new UPAttributePermissions(viewers, Set.of("admin")));
                changed = true;
            }
        }
        return changed;
    }

    public static boolean adminOnlyEdit(UPAttribute definition) {
        return definition.getPermissions() != null && definition.getPermissions().getEdit() != null
                && Set.of("admin").containsAll(definition.getPermissions().getEdit());
    }
}
