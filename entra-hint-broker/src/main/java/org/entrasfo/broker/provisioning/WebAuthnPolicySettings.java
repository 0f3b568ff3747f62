package org.entrasfo.broker.provisioning;

import java.util.ArrayList;

import org.entrasfo.broker.admin.PasskeySettings;
import org.keycloak.models.RealmModel;
import org.keycloak.models.WebAuthnPolicy;

/**
 * The realm's WebAuthn policy (the two-factor one, which Keycloak's WebAuthn credentials of type {@code webauthn} are
 * registered and checked with) as the profile's passkey settings state it. Without the settings an admin's policy
 * stays as it is; with them, the same profile gives the same policy every time.
 */
public final class WebAuthnPolicySettings implements ProvisioningStep {

    @Override
    public void apply(TenantRealmSetup setup) {
        PasskeySettings settings = setup.profile().passkey;
        if (settings == null) {
            return;
        }
        RealmModel realm = setup.realm();
        WebAuthnPolicy policy = realm.getWebAuthnPolicy();
        policy.setRpId(settings.effectiveRpId());
        policy.setUserVerificationRequirement(settings.effectiveUserVerification());
        policy.setAttestationConveyancePreference(settings.effectiveAttestation());
        policy.setResidentKey(settings.effectiveResidentKey());
        policy.setAcceptableAaguids(new ArrayList<>(settings.effectiveAaguids()));
        realm.setWebAuthnPolicy(policy);
    }
}
