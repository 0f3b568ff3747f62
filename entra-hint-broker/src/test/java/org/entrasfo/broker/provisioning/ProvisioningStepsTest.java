package org.entrasfo.broker.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.entrasfo.broker.admin.PasskeySettings;
import org.entrasfo.broker.admin.TenantProfile;
import org.entrasfo.factor.FactorAvailability;
import org.entrasfo.factor.FactorSetup;
import org.entrasfo.factor.SecondFactor;
import org.entrasfo.factor.transaction.AuthenticationMethod;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.WebAuthnPolicy;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * Each provisioning step on its own: what it makes in a realm, and that applying it again to the realm it set up
 * changes nothing. The factors are what the registry would hand over; none of them is named here by the steps.
 */
class ProvisioningStepsTest {

    private static final String POLICY_STEP = "sfo-policy";

    private final InMemoryRealm realm = new InMemoryRealm(InMemoryRealm.keycloakDefaults());
    private final TenantRealmSetup setup = new TenantRealmSetup(null, realm.model(), profile(), List.of(
            factor("token", FactorSetup.at(10).switchedOnByDefault()
                    .withAttribute(new FactorSetup.UserAttribute("token_serials", "Token serials", false, true))),
            factor("phone-app", FactorSetup.at(20)
                    .withRequiredAction(new FactorSetup.RequiredAction("phone-app-enrol", "Set up the phone app"))),
            factor("desk-code", FactorSetup.at(50)
                    .withRealmRole(new FactorSetup.RealmRole("desk-operator", "Issues desk codes")))), POLICY_STEP);

    @Test
    void everyStepChangesNothingWhenAppliedAgain() {
        for (Supplier<ProvisioningStep> step : List.<Supplier<ProvisioningStep>>of(TenantMarker::new, FactorRoles::new,
                AcrMapping::new, SfoFlow::new, AuditAndLockout::new, KeycloakDoors::new, FactorRequiredActions::new,
                WebAuthnPolicySettings::new, EntraClient::new)) {
            step.get().apply(setup);
            String once = realm.snapshot();

            step.get().apply(setup);

            assertThat(realm.snapshot()).as(step.get().getClass().getSimpleName()).isEqualTo(once);
        }
    }

    @Test
    void theFlowHoldsEveryDeployedFactorInItsOwnOrderWithTheDefaultOnesOn() {
        new SfoFlow().apply(setup);

        assertThat(realm.snapshot()).contains(
                "execution entra-second-factor-only entra-sfo-sso  ALTERNATIVE 10",
                "execution entra-second-factor-only null entra-second-factor-only sign-in ALTERNATIVE 20",
                "execution entra-second-factor-only sign-in entra-hint-broker  REQUIRED 10",
                "execution entra-second-factor-only sign-in " + POLICY_STEP + "  REQUIRED 20",
                "execution entra-second-factor-only factors token  ALTERNATIVE 10",
                "execution entra-second-factor-only factors phone-app  DISABLED 20",
                "execution entra-second-factor-only factors desk-code  DISABLED 30");
    }

    @Test
    void closesKeycloaksDoorsAndShortensOnlyKeycloaksOwnSsoLifetimes() {
        realm.addKeycloakRequiredAction("CONFIGURE_TOTP");
        realm.addKeycloakRequiredAction("webauthn-register");
        realm.addKeycloakRequiredAction("delete_credential");
        realm.addClient("admin-cli", true);
        new SfoFlow().apply(setup);

        new KeycloakDoors().apply(setup);

        RealmModel model = realm.model();
        assertThat(realm.snapshot()).contains("BrowserFlow=entra-second-factor-only", "DirectGrantFlow=entra-sfo direct grant denied",
                "execution entra-sfo direct grant denied deny-access-authenticator  REQUIRED",
                "action CONFIGURE_TOTP false", "action webauthn-register false", "action config delete_credential{max_auth_age=0}");
        assertThat(model.getClientByClientId("admin-cli").isDirectAccessGrantsEnabled()).isFalse();
        assertThat(model.isRegistrationAllowed()).isFalse();
        assertThat(model.getSsoSessionIdleTimeout()).isEqualTo(15 * 60);
        assertThat(model.getSsoSessionMaxLifespan()).isEqualTo(8 * 3600);
    }

    @Test
    void keepsSsoLifetimesAnAdminChose() {
        realm.model().setSsoSessionIdleTimeout(3600);
        new SfoFlow().apply(setup);

        new KeycloakDoors().apply(setup);

        assertThat(realm.model().getSsoSessionIdleTimeout()).isEqualTo(3600);
    }

    @Test
    void makesWhatTheFactorsStateTheyNeed() {
        new FactorRoles().apply(setup);

        assertThat(realm.model().getRole("desk-operator").getDescription()).isEqualTo("Issues desk codes");
        assertThat(AdminOnlyAttributes.of(setup.factors())).extracting(FactorSetup.UserAttribute::name)
                .containsExactly("entra_oid", "entra_tid", "token_serials");
    }

    @Test
    void registersNoEnrolmentForAFactorThatIsOff() {
        new SfoFlow().apply(setup);

        new FactorRequiredActions().apply(setup);

        assertThat(realm.snapshot()).doesNotContain("action phone-app-enrol");
    }

    @Test
    void aFactorsEnrolmentIsOnOnlyWhileItsStepIsOnWhateverTheActionsAlias() {
        TenantProfile withPhoneApp = profile();
        withPhoneApp.factors = List.of("token", "phone-app");
        new FactorRequiredActions().apply(later(withPhoneApp));
        assertThat(realm.snapshot()).contains("action phone-app-enrol true");
        realm.addRequiredAction("Phone app, renamed", "phone-app-enrol");

        phoneAppStep().setRequirement(AuthenticationExecutionModel.Requirement.DISABLED);
        new FactorRequiredActions().apply(later(withPhoneApp));

        assertThat(realm.snapshot()).contains("action phone-app-enrol false", "action Phone app, renamed false");

        phoneAppStep().setRequirement(AuthenticationExecutionModel.Requirement.ALTERNATIVE);
        new FactorRequiredActions().apply(later(withPhoneApp));

        assertThat(realm.snapshot()).contains("action phone-app-enrol true", "action Phone app, renamed true");
    }

    @Test
    void closesKeycloaksEnrolmentUnderAnyAliasAnAdminOrAnImportGaveIt() {
        realm.addRequiredAction("register-badge", "webauthn-register");
        realm.addRequiredAction("badge-login", "webauthn-register-passwordless");
        realm.addRequiredAction("sfo-otp-enrol", "CONFIGURE_TOTP");
        new SfoFlow().apply(setup);

        new KeycloakDoors().apply(setup);

        assertThat(realm.snapshot()).contains("action register-badge false", "action badge-login false", "action sfo-otp-enrol false");
    }

    /** A later provisioning call on the same realm (the flow exists; the steps find it). */
    private TenantRealmSetup later(TenantProfile profile) {
        TenantRealmSetup again = new TenantRealmSetup(null, realm.model(), profile, setup.factors(), POLICY_STEP);
        new SfoFlow().apply(again);
        return again;
    }

    private AuthenticationExecutionModel phoneAppStep() {
        String factors = realm.model().getFlowByAlias(SfoFlow.FACTORS_FLOW_ALIAS).getId();
        return realm.model().getAuthenticationExecutionsStream(factors).filter(e -> "phone-app".equals(e.getAuthenticator()))
                .findFirst().orElseThrow();
    }

    @Test
    void mapsEveryEntraAcrAndKeepsWhatAnAdminMappedOtherwise() {
        realm.model().setAttribute(Constants.ACR_LOA_MAP, "{\"inherence\":3}");

        new AcrMapping().apply(setup);

        assertThat(realm.model().getAttribute(Constants.ACR_LOA_MAP)).contains("\"inherence\":3", "\"possessionorinherence\":2",
                "\"knowledgeorpossession\":2");
    }

    @Test
    void theEntraClientIsPublicImplicitAndBoundToTheFlowEntraUses() {
        new SfoFlow().apply(setup);

        new EntraClient().apply(setup);

        var client = realm.model().getClientByClientId(profile().appId);
        assertThat(client.isPublicClient()).isTrue();
        assertThat(client.isImplicitFlowEnabled()).isTrue();
        assertThat(client.isStandardFlowEnabled()).isFalse();
        assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
        assertThat(client.getAttribute("exclude.session.state.from.auth.response")).isEqualTo("true");
        assertThat(realm.snapshot()).contains("overrides={browser=" + setup.sfoFlow().getId() + "}", "mappers=[entra-external-mfa-claims]");
    }

    @Test
    void makesUserEditableBindingsAdminOnlyAndThenChangesNothing() {
        UPConfig config = new UPConfig();
        config.addOrReplaceAttribute(new UPAttribute("entra_oid", new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin", "user"))));

        assertThat(AdminOnlyAttributes.protect(config, AdminOnlyAttributes.of(setup.factors()))).isTrue();
        assertThat(config.getAttribute("entra_oid").getPermissions().getEdit()).containsExactly("admin");
        assertThat(config.getAttribute("token_serials").getPermissions().getEdit()).containsExactly("admin");
        assertThat(AdminOnlyAttributes.protect(config, AdminOnlyAttributes.of(setup.factors()))).as("applied again").isFalse();
    }

    @Test
    void setsTheRealmsWebAuthnPolicyFromThePasskeySettingsWithTheDocumentedDefaults() {
        setup.profile().passkey = new PasskeySettings();
        setup.profile().passkey.allowedAaguids = List.of(" CB69481E-8FF7-4039-93EC-0A2729A154A8 ");

        new WebAuthnPolicySettings().apply(setup);

        WebAuthnPolicy policy = realm.model().getWebAuthnPolicy();
        assertThat(policy.getRpId()).isEmpty();
        assertThat(policy.getUserVerificationRequirement()).isEqualTo("preferred");
        assertThat(policy.getAttestationConveyancePreference()).isEqualTo("none");
        assertThat(policy.getResidentKey()).isEqualTo("discouraged");
        assertThat(policy.getAcceptableAaguids()).containsExactly("cb69481e-8ff7-4039-93ec-0a2729a154a8");
        assertThat(policy.getRpEntityName()).as("the realm's name without a user-friendly one").isEqualTo("tenant");
        assertThat(policy.getExtraOrigins()).isEmpty();
        assertThat(policy.getSignatureAlgorithm()).containsExactly("ES256", "RS256");
        assertThat(policy.getAuthenticatorAttachment()).isEqualTo("not specified");

        setup.profile().passkey.rpId = "Login.Example.org";
        setup.profile().passkey.userVerification = "required";
        setup.profile().passkey.attestation = "direct";
        new WebAuthnPolicySettings().apply(setup);

        policy = realm.model().getWebAuthnPolicy();
        assertThat(policy.getRpId()).isEqualTo("login.example.org");
        assertThat(policy.getUserVerificationRequirement()).isEqualTo("required");
        assertThat(policy.getAttestationConveyancePreference()).isEqualTo("direct");
    }

    @Test
    void leavesAnAdminsWebAuthnPolicyAsItIsWithoutPasskeySettings() {
        realm.model().getWebAuthnPolicy().setUserVerificationRequirement("required");
        realm.model().getWebAuthnPolicy().setRpEntityName("Ward 3 sign-in");
        realm.model().getWebAuthnPolicy().setExtraOrigins(new java.util.ArrayList<>(List.of("https://kiosk.example.org")));
        String before = realm.snapshot();

        new WebAuthnPolicySettings().apply(setup);

        assertThat(realm.model().getWebAuthnPolicy().getUserVerificationRequirement()).isEqualTo("required");
        assertThat(realm.model().getWebAuthnPolicy().getRpEntityName()).isEqualTo("Ward 3 sign-in");
        assertThat(realm.model().getWebAuthnPolicy().getExtraOrigins()).containsExactly("https://kiosk.example.org");
        assertThat(realm.snapshot()).isEqualTo(before);
    }

    @Test
    void replacesKeycloaksPlaceholderRelyingPartyNameWithTheNameUsersSeeEvenWithoutPasskeySettings() {
        realm.model().getWebAuthnPolicy().setRpEntityName("keycloak");
        setup.profile().displayName = "Contoso Health";

        new WebAuthnPolicySettings().apply(setup);

        assertThat(realm.model().getWebAuthnPolicy().getRpEntityName()).isEqualTo("Contoso Health");
    }

    @Test
    void namesTheRelyingPartyAsThePasskeySettingsSayElseAfterTheProfile() {
        realm.model().getWebAuthnPolicy().setRpEntityName("Ward 3 sign-in");
        setup.profile().displayName = "Contoso Health";
        setup.profile().passkey = new PasskeySettings();

        new WebAuthnPolicySettings().apply(setup);
        assertThat(realm.model().getWebAuthnPolicy().getRpEntityName()).isEqualTo("Contoso Health");

        setup.profile().passkey.rpName = " Contoso Ward Keys ";
        new WebAuthnPolicySettings().apply(setup);
        assertThat(realm.model().getWebAuthnPolicy().getRpEntityName()).isEqualTo("Contoso Ward Keys");
    }

    @Test
    void withPasskeySettingsRemovesExtraOriginsAndWeakAlgorithmsAnAdminAddedUnlessTheProfileNamesThem() {
        WebAuthnPolicy policy = realm.model().getWebAuthnPolicy();
        policy.setExtraOrigins(new java.util.ArrayList<>(List.of("https://phish.example.net")));
        policy.setSignatureAlgorithm(new java.util.ArrayList<>(List.of("RS1")));
        policy.setAuthenticatorAttachment("platform");
        setup.profile().passkey = new PasskeySettings();

        new WebAuthnPolicySettings().apply(setup);

        assertThat(policy.getExtraOrigins()).isEmpty();
        assertThat(policy.getSignatureAlgorithm()).containsExactly("ES256", "RS256");
        assertThat(policy.getAuthenticatorAttachment()).isEqualTo("not specified");

        setup.profile().passkey.extraOrigins = List.of(" https://app.example.org ");
        setup.profile().passkey.signatureAlgorithms = List.of("Ed25519");
        setup.profile().passkey.authenticatorAttachment = "cross-platform";
        new WebAuthnPolicySettings().apply(setup);

        assertThat(policy.getExtraOrigins()).containsExactly("https://app.example.org");
        assertThat(policy.getSignatureAlgorithm()).containsExactly("Ed25519");
        assertThat(policy.getAuthenticatorAttachment()).isEqualTo("cross-platform");
    }

    private static TenantProfile profile() {
        TenantProfile profile = new TenantProfile();
        profile.realm = "tenant";
        profile.name = "Contoso";
        profile.tenantId = "4f1c7c4e-2b2a-4e8e-9a55-5b0f1c1d2e3f";
        profile.appId = "0a1b2c3d-0000-4000-8000-000000000001";
        return profile;
    }

    private static SecondFactor factor(String id, FactorSetup setup) {
        return new SecondFactor() {
            @Override
            public String getId() {
                return id;
            }

            @Override
            public Set<AuthenticationMethod> reportableMethods() {
                return Set.of(AuthenticationMethod.OTP);
            }

            @Override
            public FactorAvailability availabilityFor(KeycloakSession session, RealmModel realm, UserModel user, AuthenticatorConfigModel config) {
                throw new UnsupportedOperationException("provisioning never asks");
            }

            @Override
            public FactorSetup setup() {
                return setup;
            }
        };
    }
}
