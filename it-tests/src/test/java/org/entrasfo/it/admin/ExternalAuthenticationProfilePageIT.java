package org.entrasfo.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.support.EntraRoundTrip.newBrowser;
import static org.entrasfo.it.support.EntraRoundTrip.signIn;
import static org.entrasfo.it.support.EntraRoundTrip.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The "Microsoft External Authentication" admin console page, through the same admin API the console calls: a
 * profile added to an admin-made realm sets the realm up for Entra and tells what to paste into Entra.
 */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class ExternalAuthenticationProfilePageIT {

    private static final String PAGE = "Microsoft External Authentication";

    private final KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
    private final KeycloakAdmin admin = keycloak.admin();

    private String realmMadeByAnAdmin() {
        String realm = "console-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.post("", Map.of("realm", realm, "enabled", true)).status()).isEqualTo(201);
        return realm;
    }

    private KeycloakAdmin.Answer addProfile(String realm, Map<String, String> fields) {
        Map<String, List<String>> config = new HashMap<>();
        fields.forEach((k, v) -> config.put(k, List.of(v)));
        return addProfileWith(realm, config);
    }

    /** As the console sends a form with multi-valued fields: each field a list of values. */
    private KeycloakAdmin.Answer addProfileWith(String realm, Map<String, List<String>> config) {
        return admin.post("/" + realm + "/components", Map.of("name", "Contoso Health (Entra)", "providerId", PAGE,
                "providerType", "org.keycloak.services.ui.extend.UiPageProvider",
                "parentId", admin.get("/" + realm).path("id").asText(), "config", config));
    }

    @Test
    void theConsoleOffersThePageWithEveryField() {
        JsonNode page = admin.serverInfo().path("componentTypes").path("org.keycloak.services.ui.extend.UiPageProvider");
        JsonNode ours = null;
        for (JsonNode type : page) {
            if (PAGE.equals(type.path("id").asText())) {
                ours = type;
            }
        }
        assertThat(ours).as("page type in %s", page).isNotNull();
        List<String> fields = new java.util.ArrayList<>();
        ours.path("properties").forEach(p -> fields.add(p.path("name").asText()));
        assertThat(fields).contains("displayName", "tenantId", "cloud", "redirectUri", "appId", "workflow",
                "entraClientId", "entraDiscoveryUrl", "factors", "passkeyRpId", "passkeyRpName", "passkeyUserVerification",
                "passkeyAttestation", "passkeyResidentKey", "passkeyAllowedAaguids", "passkeyExtraOrigins",
                "passkeySignatureAlgorithms", "passkeyAuthenticatorAttachment");
        for (JsonNode property : ours.path("properties")) {
            if ("factors".equals(property.path("name").asText())) {
                assertThat(property.path("type").asText()).isEqualTo("MultivaluedList");
                List<String> options = new java.util.ArrayList<>();
                property.path("options").forEach(o -> options.add(o.asText()));
                assertThat(options).as("the factors deployed").contains("sfo-otp", "sfo-passkey");
            }
        }
    }

    private Map<String, List<String>> passkeyProfile(String attestation, String aaguid) {
        Map<String, List<String>> config = new HashMap<>();
        config.put("displayName", List.of("Contoso Health"));
        config.put("tenantId", List.of(UUID.randomUUID().toString()));
        config.put("cloud", List.of("GLOBAL"));
        config.put("appId", List.of(UUID.randomUUID().toString()));
        config.put("factors", List.of("sfo-passkey", "sfo-otp"));
        config.put("passkeyUserVerification", List.of("required"));
        config.put("passkeyAttestation", List.of(attestation));
        config.put("passkeyResidentKey", List.of("required"));
        config.put("passkeyAllowedAaguids", List.of(aaguid));
        return config;
    }

    private Map<String, String> requirements(String realm) {
        Map<String, String> requirements = new HashMap<>();
        for (JsonNode execution : admin.get("/" + realm + "/authentication/flows/entra-second-factor-only/executions")) {
            requirements.put(execution.path("providerId").asText(), execution.path("requirement").asText());
        }
        return requirements;
    }

    @Test
    void savingAProfileWithPasskeysTurnsTheFactorOnAndSetsTheRealmsWebAuthnPolicy() {
        String realm = realmMadeByAnAdmin();

        KeycloakAdmin.Answer saved = addProfileWith(realm, passkeyProfile("direct", "CB69481E-8FF7-4039-93EC-0A2729A154A8"));

        assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(201);
        assertThat(requirements(realm)).containsEntry("sfo-passkey", "ALTERNATIVE").containsEntry("sfo-otp", "ALTERNATIVE")
                .containsEntry("sfo-sms-code", "DISABLED");
        JsonNode policy = admin.get("/" + realm);
        assertThat(policy.path("webAuthnPolicyUserVerificationRequirement").asText()).isEqualTo("required");
        assertThat(policy.path("webAuthnPolicyAttestationConveyancePreference").asText()).isEqualTo("direct");
        assertThat(policy.path("webAuthnPolicyResidentKey").asText()).isEqualTo("required");
        assertThat(policy.path("webAuthnPolicyAcceptableAaguids").toString()).isEqualTo("[\"cb69481e-8ff7-4039-93ec-0a2729a154a8\"]");
        assertThat(policy.path("webAuthnPolicyRpEntityName").asText()).as("the name users see when registering a key")
                .isEqualTo("Contoso Health");
        assertThat(policy.path("webAuthnPolicyExtraOrigins")).as("no other origin may send an assertion").isEmpty();
        assertThat(policy.path("webAuthnPolicySignatureAlgorithms").toString()).isEqualTo("[\"ES256\",\"RS256\"]");
        assertThat(policy.path("webAuthnPolicyAuthenticatorAttachment").asText()).isEqualTo("not specified");

        // An admin sets attestation none by hand in Keycloak's own tab: the allowed key models can no longer be proven.
        ObjectNode byHand = (ObjectNode) policy;
        byHand.put("webAuthnPolicyAttestationConveyancePreference", "none");
        assertThat(admin.put("/" + realm, byHand).status()).isEqualTo(204);
        JsonNode finding = null;
        for (JsonNode f : admin.get("/" + realm + "/entra-sfo/self-test").path("findings")) {
            if ("webauthn-policy".equals(f.path("rule").asText())) {
                finding = f;
            }
        }
        assertThat(finding).as("self-test finding").isNotNull();
        assertThat(finding.path("status").asText()).isEqualTo("WARNING");
        assertThat(finding.path("detail").asText()).contains("no key can be registered");
    }

    @Test
    void refusesUnknownFactorsBadKeyModelsAndBadPolicyValuesReadablyAndChangesNothing() {
        String realm = realmMadeByAnAdmin();
        JsonNode before = admin.get("/" + realm);
        Map<String, Map<String, List<String>>> attempts = new java.util.LinkedHashMap<>();
        Map<String, List<String>> unknownFactor = passkeyProfile("direct", "cb69481e-8ff7-4039-93ec-0a2729a154a8");
        unknownFactor.put("factors", List.of("sfo-passkey", "sfo-telepathy"));
        attempts.put("Factors (factors): Choose one or more of", unknownFactor);
        attempts.put("Passkeys: allowed AAGUIDs (passkeyAllowedAaguids): At most 100 AAGUIDs, each a GUID.",
                passkeyProfile("direct", "yubikey-5"));
        Map<String, List<String>> badVerification = passkeyProfile("direct", "cb69481e-8ff7-4039-93ec-0a2729a154a8");
        badVerification.put("passkeyUserVerification", List.of("always"));
        attempts.put("Passkeys: user verification (passkeyUserVerification): Use required, preferred or discouraged.", badVerification);
        // No key could ever be registered: Keycloak refuses allowed AAGUIDs with attestation none at registration.
        attempts.put("Passkeys: attestation (passkeyAttestation): Allowed AAGUIDs need attestation indirect or direct",
                passkeyProfile("none", "cb69481e-8ff7-4039-93ec-0a2729a154a8"));

        attempts.forEach((message, config) -> {
            KeycloakAdmin.Answer refused = addProfileWith(realm, config);

            assertThat(refused.status()).as(message).isEqualTo(400);
            assertThat(refused.body().path("errorMessage").asText()).as("readable").contains(message).doesNotContain("Exception");
        });
        assertThat(admin.get("/" + realm + "/components?type=org.keycloak.services.ui.extend.UiPageProvider")).isEmpty();
        assertThat(admin.get("/" + realm + "/authentication/flows").toString()).doesNotContain("entra-second-factor-only");
        JsonNode after = admin.get("/" + realm);
        for (String field : List.of("webAuthnPolicyUserVerificationRequirement", "webAuthnPolicyAttestationConveyancePreference",
                "webAuthnPolicyAcceptableAaguids", "webAuthnPolicyRpEntityName", "webAuthnPolicyResidentKey")) {
            assertThat(after.path(field)).as(field).isEqualTo(before.path(field));
        }
    }

    @Test
    void savingAProfileSetsTheRealmUpAndShowsWhatToPasteIntoEntra() throws Exception {
        String realm = realmMadeByAnAdmin();
        String tenantId = UUID.randomUUID().toString();
        String appId = UUID.randomUUID().toString();

        KeycloakAdmin.Answer saved = addProfile(realm, Map.of("displayName", "Contoso Health", "tenantId", tenantId,
                "cloud", "GLOBAL", "redirectUri", "https://login.microsoftonline.com/common/federation/externalauthprovider",
                "appId", appId));

        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(201);
        JsonNode profile = admin.get("/" + realm + "/components/" + saved.location().substring(saved.location().lastIndexOf('/') + 1));
        assertThat(profile.path("config").path("entraClientId").path(0).asText()).isEqualTo(appId);
        assertThat(profile.path("config").path("entraDiscoveryUrl").path(0).asText()).isEqualTo(keycloak.discoveryUrl(realm));
        assertThat(profile.path("config").path("selfTest").path(0).asText()).contains("0 failed").doesNotContain("FAILED");
        JsonNode client = admin.get("/" + realm + "/clients?clientId=" + appId).path(0);
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isTrue();
        assertThat(client.path("name").asText()).isEqualTo("Contoso Health");
        assertThat(admin.get("/" + realm).path("eventsEnabled").asBoolean()).isTrue();

        // A test-only authority, as for a private cloud: the simulator's keys instead of Microsoft's.
        for (JsonNode execution : admin.get("/" + realm + "/authentication/flows/entra-second-factor-only/executions")) {
            if ("entra-hint-broker".equals(execution.path("providerId").asText())) {
                String configId = execution.path("authenticationConfig").asText();
                ObjectNode config = (ObjectNode) admin.get("/" + realm + "/authentication/config/" + configId);
                ((ObjectNode) config.path("config")).put("authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl());
                assertThat(admin.put("/" + realm + "/authentication/config/" + configId, config).status()).isEqualTo(204);
            }
        }
        JsonNode description = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        TenantRealm tenant = new TenantRealm(keycloak, realm, MicrosoftCloud.GLOBAL, tenantId, appId, appId, description);
        EntraUser user = tenant.newUser();
        AuthorizationRequest request = tenant.requestWith(tenant.hintFor(user).sign());

        FormPost answer = signIn(newBrowser(), tenant, user, request);

        assertThat(validate(answer, tenant, request, user.subject()).violations()).isEmpty();
    }

    /**
     * SCIM on from the page: Keycloak's SCIM server and Entra's provisioning client are set up once and the addresses
     * to paste into Entra are shown; the secret is in the client's Credentials tab and saving the entry again (for
     * another reason) never replaces it, so Entra's provisioning keeps working; "off" switches the endpoint off.
     */
    @Test
    void scimSwitchedOnFromThePageIsSetUpOnceAndSavingAgainKeepsEntrasSecret() {
        String realm = realmMadeByAnAdmin();
        Map<String, String> fields = new HashMap<>(Map.of("displayName", "Contoso Health", "tenantId", UUID.randomUUID().toString(),
                "cloud", "GLOBAL", "redirectUri", "https://login.microsoftonline.com/common/federation/externalauthprovider",
                "appId", UUID.randomUUID().toString(), "scim", "on"));

        KeycloakAdmin.Answer saved = addProfile(realm, fields);

        assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(201);
        assertThat(admin.get("/" + realm).path("scimApiEnabled").asBoolean()).isTrue();
        String entry = "/" + realm + "/components/" + saved.location().substring(saved.location().lastIndexOf('/') + 1);
        JsonNode stored = admin.get(entry);
        assertThat(stored.path("config").path("scimBaseUrl").path(0).asText()).isEqualTo(keycloak.baseUrl() + "/realms/" + realm + "/scim/v2");
        assertThat(stored.path("config").path("scimTokenUrl").path(0).asText()).endsWith("/realms/" + realm + "/protocol/openid-connect/token");
        assertThat(stored.toString()).as("the page never holds the secret").doesNotContain("secret\"");
        String client = "/" + realm + "/clients/" + admin.get("/" + realm + "/clients?clientId=entra-scim").path(0).path("id").asText();
        String secret = admin.get(client + "/client-secret").path("value").asText();
        assertThat(secret).isNotBlank();

        ((ObjectNode) stored.path("config")).putArray("displayName").add("Contoso Health Group");
        assertThat(admin.put(entry, stored).status()).isEqualTo(204);
        assertThat(admin.get(client + "/client-secret").path("value").asText()).as("Entra's secret stays").isEqualTo(secret);

        ObjectNode off = (ObjectNode) admin.get(entry);
        ((ObjectNode) off.path("config")).putArray("scim").add("off");
        assertThat(admin.put(entry, off).status()).isEqualTo(204);
        assertThat(admin.get("/" + realm).path("scimApiEnabled").asBoolean()).isFalse();
    }

    @Test
    void refusesAProfileWithWrongFieldsAndSaysWhich() {
        String realm = realmMadeByAnAdmin();

        KeycloakAdmin.Answer refused = addProfile(realm, Map.of("tenantId", "not-a-guid", "cloud", "GLOBAL",
                "redirectUri", "https://login.microsoftonline.us/common/federation/externalauthprovider",
                "appId", UUID.randomUUID().toString()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("tenantId").contains("redirectUri");
        assertThat(admin.get("/" + realm + "/components?type=org.keycloak.services.ui.extend.UiPageProvider")).isEmpty();
    }
}
