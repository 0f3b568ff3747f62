package org.entrasfo.broker.provisioning;

import java.util.ArrayList;

import org.entrasfo.broker.admin.PasskeySettings;
import org.entrasfo.broker.admin.TenantProfile;
import org.keycloak.models.RealmModel;
import org.keycloak.models.WebAuthnPolicy;

/**
 * The realm's WebAuthn policy (the two-factor one, which Keycloak's WebAuthn credentials of type {@code webauthn} are
 * registered and checked with) as the profile's passkey settings state it. Without the settings an admin's policy
 * stays as it is, except Keycloak's placeholder name "keycloak", which users would read when registering a key; with
 * them, the same profile gives the same policy every time, down to the settings that widen where an assertion may come
 * from (extra origins) or which keys are taken (algorithms, attachment).
 */
public final class WebAuthnPolicySettings implements ProvisioningStep {

    /** Keycloak's default relying-party name of a new realm. */
    static final String KEYCLOAK_DEFAULT_RP_NAME = "keycloak";

    @Override
    public void apply(TenantRealmSetup setup) {
        TenantProfile profile = setup.profile();
        PasskeySettings settings = profile.passkey;
        RealmModel realm = setup.realm();
        WebAuthnPolicy policy = realm.getWebAuthnPolicy();
        if (settings == null) {
            String name = policy.getRpEntityName();
            if (name == null || name.isBlank() || KEYCLOAK_DEFAULT_RP_NAME.equals(name)) {
                policy.setRpEntityName(rpName(profile, realm));
                realm.setWebAuthnPolicy(policy);
            }
            return;
        }
        policy.setRpEntityName(settings.effectiveRpName().isEmpty() ? rpName(profile, realm) : settings.effectiveRpName());
        policy.setRpId(settings.effectiveRpId());
        policy.setUserVerificationRequirement(settings.effectiveUserVerification());
        policy.setAttestationConveyancePreference(settings.effectiveAttestation());
        policy.setResidentKey(settings.effectiveResidentKey());
        policy.setAcceptableAaguids(new ArrayList<>(settings.effectiveAaguids()));
        policy.setExtraOrigins(new ArrayList<>(settings.effectiveExtraOrigins()));
        policy.setSignatureAlgorithm(new ArrayList<>(settings.effectiveSignatureAlgorithms()));
        policy.setAuthenticatorAttachment(settings.effectiveAuthenticatorAttachment());
        realm.setWebAuthnPolicy(policy);
    }

    /** What users read when registering a key: the name they see on the sign-in pages. */
    private static String rpName(TenantProfile profile, RealmModel realm) {
        return profile.displayName == null || profile.displayName.isBlank() ? realm.getName() : profile.displayName.trim();
    }
}
