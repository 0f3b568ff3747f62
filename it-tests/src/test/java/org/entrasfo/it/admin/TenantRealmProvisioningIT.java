package org.entrasfo.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakProcess;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.FormPost;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.support.EntraRoundTrip;
import org.entrasfo.it.support.EntraUser;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.entrasfo.twiliosim.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The one admin call that makes a realm serve an Entra tenant: what it builds, that it is idempotent, what it refuses. */
@ResourceLock(value = TwilioStandIn.LOCK, mode = ResourceAccessMode.READ)
class TenantRealmProvisioningIT {

    private final KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();

    private static Map<String, Object> profile(String realm) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("realm", realm);
        profile.put("name", "Fabrikam (Entra tenant)");
        profile.put("displayName", "Fabrikam Clinic");
        profile.put("tenantId", UUID.randomUUID().toString());
        profile.put("cloud", "US_GOVERNMENT");
        profile.put("appId", UUID.randomUUID().toString());
        return profile;
    }

    @Test
    void createsTheRealmFlowAndEntraClientAndTellsWhatToPasteIntoEntra() {
        Map<String, Object> profile = profile("fabrikam-" + UUID.randomUUID().toString().substring(0, 6));
        String realm = (String) profile.get("realm");

        KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("clientId").asText()).isEqualTo(profile.get("appId"));
        assertThat(answer.body().path("discoveryUrl").asText()).isEqualTo(KeycloakUnderTest.keycloak().discoveryUrl(realm));
        assertThat(answer.body().path("redirectUri").asText())
                .isEqualTo("https://login.microsoftonline.us/common/federation/externalauthprovider");

        JsonNode client = admin.get("/" + realm + "/clients?clientId=" + profile.get("appId")).path(0);
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isTrue();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(client.path("consentRequired").asBoolean()).isFalse();
        assertThat(client.path("redirectUris")).hasSize(1);
        assertThat(client.path("redirectUris").path(0).asText()).isEqualTo(answer.body().path("redirectUri").asText());
        assertThat(client.path("attributes").path("exclude.session.state.from.auth.response").asText()).isEqualTo("true");
        assertThat(client.path("attributes").path("exclude.issuer.from.auth.response").asText()).isEqualTo("true");
        assertThat(client.path("attributes").path("acr.loa.map").asText()).contains("possessionorinherence", "knowledgeorpossession", "inherence");
        assertThat(client.path("defaultClientScopes")).isEmpty();
        assertThat(client.path("optionalClientScopes")).isEmpty();
        List<String> mappers = new ArrayList<>();
        client.path("protocolMappers").forEach(m -> mappers.add(m.path("protocolMapper").asText()));
        assertThat(mappers).containsExactly("entra-external-mfa-claims");

        JsonNode flow = admin.get("/" + realm + "/authentication/flows/entra-second-factor-only/executions");
        List<String> steps = new ArrayList<>();
        flow.forEach(e -> steps.add((e.path("authenticationFlow").asBoolean() ? e.path("displayName") : e.path("providerId")).asText()
                + ":" + e.path("requirement").asText()));
        assertThat(steps).containsExactly("entra-sfo-sso:ALTERNATIVE", "entra-second-factor-only sign-in:ALTERNATIVE",
                "entra-hint-broker:REQUIRED", "sfo-policy:REQUIRED", "entra-second-factor-only factors:REQUIRED",
                "sfo-passkey:DISABLED", "sfo-otp:ALTERNATIVE", "sfo-push:DISABLED", "sfo-sms-code:DISABLED", "sfo-email-code:DISABLED", "sfo-helpdesk-code:DISABLED", "sfo-face:DISABLED");
        assertThat(client.path("authenticationFlowBindingOverrides").path("browser").asText()).isNotBlank();

        JsonNode realmRep = admin.get("/" + realm);
        assertThat(realmRep.path("eventsEnabled").asBoolean()).isTrue();
        assertThat(realmRep.path("adminEventsEnabled").asBoolean()).isTrue();
        assertThat(realmRep.path("bruteForceProtected").asBoolean()).isTrue();
        // The realm's own doors: single sign-on or a second factor in the browser, no password grant, no self-service.
        assertThat(realmRep.path("browserFlow").asText()).isEqualTo("entra-second-factor-only");
        assertThat(realmRep.path("directGrantFlow").asText()).isEqualTo("entra-sfo direct grant denied");
        assertThat(realmRep.path("registrationAllowed").asBoolean()).isFalse();
        assertThat(realmRep.path("resetPasswordAllowed").asBoolean()).isFalse();
        assertThat(realmRep.path("editUsernameAllowed").asBoolean()).isFalse();
        assertThat(realmRep.path("ssoSessionIdleTimeout").asInt()).isEqualTo(900);
        assertThat(realmRep.path("ssoSessionMaxLifespan").asInt()).isEqualTo(8 * 3600);
        assertThat(admin.get("/" + realm + "/clients?clientId=admin-cli").path(0).path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(admin.get("/" + realm + "/authentication/required-actions/CONFIGURE_TOTP").path("enabled").asBoolean()).isFalse();
        assertThat(realmRep.path("attributes").path("acr.loa.map").asText()).contains("possessionorinherence");
        assertThat(admin.adminEvents(realm)).anySatisfy(e -> assertThat(e.path("resourcePath").asText()).contains("entra-sfo"));
        JsonNode pageEntries = admin.get("/" + realm + "/components?type=org.keycloak.services.ui.extend.UiPageProvider");
        assertThat(pageEntries).as("listed on the admin console page").hasSize(1);
        assertThat(pageEntries.path(0).path("config").path("entraDiscoveryUrl").path(0).asText()).isEqualTo(answer.body().path("discoveryUrl").asText());
    }

    @Test
    void changesNothingWhenTheSameProfileIsAppliedAgain() {
        Map<String, Object> profile = profile("idempotent-" + UUID.randomUUID().toString().substring(0, 6));
        String realm = (String) profile.get("realm");
        assertThat(admin.applyTenantRealm(profile).status()).isEqualTo(201);
        JsonNode clientBefore = admin.get("/" + realm + "/clients?clientId=" + profile.get("appId")).path(0);
        JsonNode flowsBefore = admin.get("/" + realm + "/authentication/flows/entra-second-factor-only/executions");
        int clientsBefore = admin.get("/" + realm + "/clients").size();

        KeycloakAdmin.Answer again = admin.applyTenantRealm(profile);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("realmCreated").asBoolean()).isFalse();
        assertThat(admin.get("/" + realm + "/clients?clientId=" + profile.get("appId")).path(0)).isEqualTo(clientBefore);
        assertThat(admin.get("/" + realm + "/authentication/flows/entra-second-factor-only/executions")).isEqualTo(flowsBefore);
        assertThat(admin.get("/" + realm + "/clients").size()).isEqualTo(clientsBefore);
    }

    @Test
    void refusesAnInvalidProfileNamingEveryWrongField() {
        Map<String, Object> profile = profile("invalid-" + UUID.randomUUID().toString().substring(0, 6));
        profile.put("tenantId", "contoso.onmicrosoft.com");
        profile.put("appId", "not-a-guid");
        profile.put("cloud", "MOON");

        KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile);

        assertThat(answer.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        // Keycloak's error shape: one wrong field at the top, several in "errors".
        answer.body().path("errors").forEach(f -> fields.add(f.path("field").asText()));
        if (answer.body().has("field")) {
            fields.add(answer.body().path("field").asText());
        }
        assertThat(fields).containsExactlyInAnyOrder("tenantId", "appId", "cloud");
        assertThat(admin.get("").findValuesAsText("realm")).doesNotContain((String) profile.get("realm"));
    }

    @Test
    void refusesAllowedKeyModelsWithoutAttestationSinceNoKeyCouldEverBeRegistered() {
        Map<String, Object> profile = profile("aaguid-" + UUID.randomUUID().toString().substring(0, 6));
        profile.put("factors", List.of("sfo-passkey", "sfo-otp"));
        profile.put("passkey", Map.of("allowedAaguids", List.of("cb69481e-8ff7-4039-93ec-0a2729a154a8")));

        KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("field").asText()).isEqualTo("passkey.attestation");
        assertThat(answer.body().path("errorMessage").asText()).contains("indirect or direct");
        assertThat(admin.get("").findValuesAsText("realm")).doesNotContain((String) profile.get("realm"));
    }

    @Test
    void namesTheRelyingPartyAfterTheTenantAndShowsThePolicyOnTheProfilePage() {
        Map<String, Object> profile = profile("rpname-" + UUID.randomUUID().toString().substring(0, 6));
        String realm = (String) profile.get("realm");
        profile.put("factors", List.of("sfo-passkey", "sfo-otp"));
        profile.put("passkey", Map.of("attestation", "direct", "allowedAaguids", List.of("cb69481e-8ff7-4039-93ec-0a2729a154a8")));

        assertThat(admin.applyTenantRealm(profile).status()).isEqualTo(201);

        JsonNode policy = admin.get("/" + realm);
        assertThat(policy.path("webAuthnPolicyRpEntityName").asText()).as("what users read when registering a key")
                .isEqualTo("Fabrikam Clinic");
        assertThat(policy.path("webAuthnPolicyExtraOrigins")).isEmpty();
        JsonNode entry = admin.get("/" + realm + "/components?type=org.keycloak.services.ui.extend.UiPageProvider").path(0);
        assertThat(entry.path("config").path("passkeyAttestation").path(0).asText()).isEqualTo("direct");
        assertThat(entry.path("config").path("passkeyAllowedAaguids").toString()).contains("cb69481e-8ff7-4039-93ec-0a2729a154a8");
        List<String> factors = new ArrayList<>();
        entry.path("config").path("factors").forEach(f -> factors.add(f.asText()));
        assertThat(factors).as("Keycloak keeps a component's values unordered").containsExactlyInAnyOrder("sfo-passkey", "sfo-otp");
    }

    /** A REST update of a realm listed on the page shows there, so a save on the page does not put the older values back. */
    @Test
    void aLaterRestCallShowsOnTheProfilePageSoSavingThePageKeepsWhatTheCallSet() {
        Map<String, Object> profile = profile("later-" + UUID.randomUUID().toString().substring(0, 6));
        String realm = (String) profile.get("realm");
        profile.put("brandColour", "#0b5394");
        assertThat(admin.applyTenantRealm(profile).status()).isEqualTo(201);

        profile.put("brandColour", "#2b2b2b");
        profile.put("unknownUser", "create");
        profile.put("factors", List.of("sfo-passkey", "sfo-otp"));
        profile.put("passkey", Map.of("attestation", "direct"));
        assertThat(admin.applyTenantRealm(profile).status()).isLessThan(300);

        String entries = "/" + realm + "/components?type=org.keycloak.services.ui.extend.UiPageProvider";
        assertThat(admin.get(entries)).hasSize(1);
        JsonNode entry = admin.get(entries).path(0);
        assertThat(entry.path("config").path("brandColour").path(0).asText()).isEqualTo("#2b2b2b");
        assertThat(entry.path("config").path("unknownUser").path(0).asText()).isEqualTo("create");
        assertThat(entry.path("config").path("passkeyAttestation").path(0).asText()).isEqualTo("direct");

        assertThat(admin.put("/" + realm + "/components/" + entry.path("id").asText(), entry).status()).isEqualTo(204);
        JsonNode saved = admin.get("/" + realm);
        assertThat(saved.path("attributes").path("entraSfoBrandColour").asText()).isEqualTo("#2b2b2b");
        assertThat(saved.path("webAuthnPolicyAttestationConveyancePreference").asText()).isEqualTo("direct");
    }

    @Test
    void createsTenantRealmsOnlyThroughTheMasterRealm() {
        Map<String, Object> profile = profile("elsewhere-" + UUID.randomUUID().toString().substring(0, 6));
        admin.applyTenantRealm(profile);

        assertThat(admin.post("/" + profile.get("realm") + "/entra-sfo/tenant-realms", profile(profile.get("realm") + "-x")).status())
                .isEqualTo(404);
    }

    @Test
    void theDeployScriptCreatesATenantRealmWithOneCall() throws Exception {
        KeycloakProcess keycloak = KeycloakUnderTest.keycloak();
        String realm = "script-" + UUID.randomUUID().toString().substring(0, 6);
        String tenantId = UUID.randomUUID().toString();
        String appId = UUID.randomUUID().toString();
        ProcessBuilder script = new ProcessBuilder("bash", "../deploy/create-tenant-realm.sh", realm, tenantId, appId, "Script Clinic")
                .redirectErrorStream(true);
        script.environment().put("KEYCLOAK_URL", keycloak.baseUrl());
        script.environment().put("KEYCLOAK_ADMIN_PASSWORD", keycloak.adminPassword());
        script.environment().put("CURL_CA_BUNDLE", keycloak.certificatePem().toString());

        Process first = script.start();
        String output = new String(first.getInputStream().readAllBytes());
        assertThat(first.waitFor()).as(output).isZero();
        Process second = script.start();
        String again = new String(second.getInputStream().readAllBytes());
        assertThat(second.waitFor()).as(again).isZero();

        assertThat(output).contains(appId).contains(keycloak.discoveryUrl(realm));
        assertThat(again).contains(appId).doesNotContain("\"realmCreated\":true");
        assertThat(keycloak.admin().get("/" + realm + "/clients?clientId=" + appId).path(0).path("name").asText()).isEqualTo("Script Clinic");
    }

    /** Keycloak's own export, imported into a Keycloak that has never seen the realm (here: after deleting it). */
    @Test
    void aRealmExportedWithKeycloaksExportWorksUnchangedWhenImported() {
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        TenantRealm original = TenantRealm.create("exported-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL, Map.of());
        KeycloakAdmin.Answer export = admin.post("/" + original.name() + "/partial-export?exportClients=true&exportGroupsAndRoles=true", Map.of());
        assertThat(export.status()).isEqualTo(200);

        assertThat(admin.delete("/" + original.name()).status()).isEqualTo(204);
        KeycloakAdmin.Answer imported = admin.post("", export.body());
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);

        EntraUser user = original.newUser();
        AuthorizationRequest request = original.requestWith(original.hintFor(user).sign());
        FormPost answer = EntraRoundTrip.signIn(EntraRoundTrip.newBrowser(), original, user, request);
        assertThat(EntraRoundTrip.validate(answer, original, request, user.subject()).violations()).isEmpty();
    }
}
