package org.entrasfo.broker.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.entrasfo.broker.admin.TenantProfile;
import org.entrasfo.factor.FactorRealmSettings;
import org.entrasfo.factor.SecondFactor;
import org.entrasfo.factor.SecondFactors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The factors' own realm settings the profile names (the face engine, for one), handed to each factor unread: the
 * factor checks and stores them. Settings the profile leaves out stay as the realm has them.
 */
public final class FactorRealmSettingsStep implements ProvisioningStep {

    /** The profile's key for a field, as refusals name it: {@code factorSettings.<factor id>.<property>}. */
    public static String field(String factorId, String property) {
        return "factorSettings." + factorId + "." + property;
    }

    @Override
    public void apply(TenantRealmSetup setup) {
        if (setup.profile().factorSettings == null) {
            return;
        }
        for (SecondFactor factor : setup.factors()) {
            Map<String, String> values = setup.profile().factorSettings.get(factor.getId());
            if (values != null) {
                factor.realmSettings().ifPresent(settings -> settings.apply(setup.session(), setup.realm(), values));
            }
        }
    }

    /** Every problem of the profile's factor settings: an unknown factor or field, or what the factor refuses. */
    public static List<TenantProfile.FieldError> check(KeycloakSession session, RealmModel realm, TenantProfile profile) {
        List<TenantProfile.FieldError> errors = new ArrayList<>();
        if (profile.factorSettings == null) {
            return errors;
        }
        profile.factorSettings.forEach((factorId, values) -> {
            Optional<FactorRealmSettings> settings = factorId == null ? Optional.empty()
                    : SecondFactors.byId(session.getKeycloakSessionFactory(), factorId).flatMap(SecondFactor::realmSettings);
            if (settings.isEmpty() || values == null) {
                errors.add(new TenantProfile.FieldError("factorSettings", "No deployed factor '" + factorId + "' with realm settings."));
                return;
            }
            List<String> known = settings.get().properties().stream().map(p -> p.getName()).toList();
            values.forEach((name, value) -> {
                if (!known.contains(name)) {
                    errors.add(new TenantProfile.FieldError(field(factorId, name), "Unknown setting; use " + String.join(", ", known) + "."));
                } else if (value != null && !TenantProfile.printableText(value)) {
                    errors.add(new TenantProfile.FieldError(field(factorId, name), "At most 255 printable characters."));
                }
            });
            if (errors.isEmpty()) {
                settings.get().check(session, realm, values)
                        .forEach(p -> errors.add(new TenantProfile.FieldError(field(factorId, p.property()), p.message())));
            }
        });
        return errors;
    }
}
