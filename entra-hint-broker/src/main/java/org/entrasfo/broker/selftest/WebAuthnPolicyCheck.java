package org.entrasfo.broker.selftest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.entrasfo.factor.SecondFactor;
import org.entrasfo.factor.SecondFactors;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.WebAuthnPolicy;

/**
 * The realm's WebAuthn policy, when a factor that signs in with a key (one reporting {@code fido}) is switched on in
 * one of the realm's flows. An admin may set the policy by hand in Keycloak's own tab, past provisioning's checks.
 */
final class WebAuthnPolicyCheck {

    static final String RULE = "webauthn-policy";

    private WebAuthnPolicyCheck() {
    }

    static Optional<Finding> run(KeycloakSession session, RealmModel realm) {
        Set<String> keyFactors = SecondFactors.deployed(session.getKeycloakSessionFactory()).stream()
                .filter(f -> f.reportableMethods().contains(AuthenticationMethod.FIDO)).map(SecondFactor::getId)
                .collect(Collectors.toSet());
        boolean on = realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .anyMatch(e -> keyFactors.contains(e.getAuthenticator()) && e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED);
        return of(realm.getWebAuthnPolicy(), on);
    }

    /** A finding only where keys are used at all. */
    static Optional<Finding> of(WebAuthnPolicy policy, boolean keyFactorOn) {
        if (!keyFactorOn) {
            return Optional.empty();
        }
        List<String> aaguids = policy.getAcceptableAaguids() == null ? List.of() : policy.getAcceptableAaguids();
        String attestation = policy.getAttestationConveyancePreference();
        // Only an attestation proves a key's model; Keycloak refuses every registration of such a policy.
        boolean unproven = attestation == null || attestation.isBlank() || "none".equals(attestation) || "not specified".equals(attestation);
        if (!aaguids.isEmpty() && unproven) {
            return Optional.of(Finding.warning(RULE, aaguids.size() + " acceptable AAGUIDs with attestation "
                            + (attestation == null || attestation.isBlank() ? "not specified" : attestation) + ": no key can be registered",
                    "Set Attestation conveyance preference to indirect or direct (Authentication, Policies, WebAuthn Policy), "
                            + "or clear Acceptable AAGUIDs."));
        }
        return Optional.of(Finding.passed(RULE, aaguids.isEmpty() ? "any key model" : aaguids.size() + " key models, attestation " + attestation));
    }
}
