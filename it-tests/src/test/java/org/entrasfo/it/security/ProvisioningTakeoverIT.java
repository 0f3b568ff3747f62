package org.entrasfo.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.junit.jupiter.api.Test;

/**
 * Provisioning only ever makes what is its own: it never turns an existing client into Entra's public implicit client,
 * never provisions the admin realm, and leaves no user-editable definition of the attributes that bind a user to Entra
 * or say where their codes go.
 */
class ProvisioningTakeoverIT {

    private final KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();

    @Test
    void refusesToTurnKeycloaksOwnClientsIntoTheEntraClient() {
        String realm = "takeover-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.applyTenantRealm(profile(realm, null)).status()).isEqualTo(201);
        JsonNode consoleBefore = client(realm, "security-admin-console");

        for (String clientId : List.of("security-admin-console", "account-console", "admin-cli", "realm-management")) {
            KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile(realm, clientId));

            assertThat(answer.status()).as("%s: %s", clientId, answer.body()).isEqualTo(400);
            assertThat(fields(answer)).containsExactly("clientId");
        }
        assertThat(client(realm, "security-admin-console")).isEqualTo(consoleBefore);
    }

    @Test
    void refusesToTakeOverAClientAnAdminMade() {
        String realm = "takeover-backend-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.applyTenantRealm(profile(realm, null)).status()).isEqualTo(201);
        admin.post("/" + realm + "/clients", Map.of("clientId", "billing-backend", "publicClient", false, "secret", "s3cret-" + UUID.randomUUID(),
                "serviceAccountsEnabled", true, "standardFlowEnabled", false));
        JsonNode before = client(realm, "billing-backend");

        KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile(realm, "billing-backend"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("clientId");
        assertThat(client(realm, "billing-backend")).isEqualTo(before);
    }

    @Test
    void refusesTheAdminRealmAndClientIdsThatAreNoIdentifiers() {
        KeycloakAdmin.Answer master = admin.applyTenantRealm(profile("master", null));
        assertThat(master.status()).isEqualTo(400);
        assertThat(fields(master)).containsExactly("realm");

        for (String clientId : List.of("a b", "https://evil.example/x?y", "<script>", "x".repeat(300))) {
            String realm = "bad-client-" + UUID.randomUUID().toString().substring(0, 6);
            KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile(realm, clientId));

            assertThat(answer.status()).as(clientId).isEqualTo(400);
            assertThat(fields(answer)).containsExactly("clientId");
            assertThat(admin.get("").findValuesAsText("realm")).doesNotContain(realm);
        }
    }

    @Test
    void refusesSettingsThatWouldSwitchARuleOfTheHintOff() {
        String realm = "unbounded-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> profile = profile(realm, null);
        profile.put("maxHintAgeSeconds", Integer.MAX_VALUE);
        profile.put("clockSkewSeconds", 86_400);
        profile.put("levelOfAuthentication", -1);

        KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactlyInAnyOrder("maxHintAgeSeconds", "clockSkewSeconds", "levelOfAuthentication");
        assertThat(admin.get("").findValuesAsText("realm")).doesNotContain(realm);
    }

    @Test
    void makesPreExistingUserEditableBindingAndDestinationAttributesAdminOnly() {
        String realm = "pre-existing-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.post("", Map.of("realm", realm, "enabled", true)).status()).isEqualTo(201);
        ObjectNode profile = (ObjectNode) admin.get("/" + realm + "/users/profile");
        ArrayNode attributes = (ArrayNode) profile.path("attributes");
        for (String name : List.of("entra_oid", "entra_tid", "phoneNumber")) {
            ObjectNode attribute = attributes.addObject();
            attribute.put("name", name);
            ObjectNode permissions = attribute.putObject("permissions");
            permissions.putArray("view").add("admin").add("user");
            permissions.putArray("edit").add("admin").add("user");
        }
        assertThat(admin.put("/" + realm + "/users/profile", profile).status()).isEqualTo(200);

        assertThat(admin.applyTenantRealm(profile(realm, null)).status()).isEqualTo(200);

        JsonNode after = admin.get("/" + realm + "/users/profile");
        for (String name : List.of("entra_oid", "entra_tid", "phoneNumber", "email")) {
            JsonNode attribute = null;
            for (JsonNode a : after.path("attributes")) {
                if (name.equals(a.path("name").asText())) {
                    attribute = a;
                }
            }
            assertThat(attribute).as(name).isNotNull();
            List<String> editors = new ArrayList<>();
            attribute.path("permissions").path("edit").forEach(e -> editors.add(e.asText()));
            assertThat(Set.copyOf(editors)).as("who may edit %s", name).isEqualTo(Set.of("admin"));
        }
    }

    /** The client as the admin API shows it; its scope lists in a fixed order (Keycloak lists them in any order). */
    private JsonNode client(String realm, String clientId) {
        ObjectNode client = (ObjectNode) admin.get("/" + realm + "/clients?clientId=" + clientId).path(0);
        for (String list : List.of("defaultClientScopes", "optionalClientScopes")) {
            List<String> sorted = new ArrayList<>();
            client.path(list).forEach(scope -> sorted.add(scope.asText()));
            sorted.sort(null);
            ArrayNode array = client.putArray(list);
            sorted.forEach(array::add);
        }
        return client;
    }

    private static Map<String, Object> profile(String realm, String clientId) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("realm", realm);
        profile.put("name", realm + " (tests)");
        profile.put("tenantId", UUID.randomUUID().toString());
        profile.put("cloud", "GLOBAL");
        profile.put("appId", UUID.randomUUID().toString());
        if (clientId != null) {
            profile.put("clientId", clientId);
        }
        return profile;
    }

    private static List<String> fields(KeycloakAdmin.Answer answer) {
        List<String> fields = new ArrayList<>();
        // Keycloak's error shape: one wrong field at the top, several in "errors".
        answer.body().path("errors").forEach(f -> fields.add(f.path("field").asText()));
        if (answer.body().has("field")) {
            fields.add(answer.body().path("field").asText());
        }
        return fields;
    }
}
