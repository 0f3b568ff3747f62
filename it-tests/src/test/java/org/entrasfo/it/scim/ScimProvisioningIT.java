package org.entrasfo.it.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.scim.EntraProvisioningService.EXTENSION;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provisioning turns Keycloak's SCIM server on for a tenant realm, and what Entra's provisioning service sends lands
 * where the factors read it: the request sequence Microsoft documents, replayed against the real endpoint.
 */
class ScimProvisioningIT {

    private static TenantRealm realm;
    private static JsonNode connection;
    private static EntraProvisioningService entra;

    @BeforeAll
    static void provisionedRealm() {
        realm = ScimRealms.smsRealm("scim");
        connection = ScimRealms.enableScim(realm);
        entra = EntraProvisioningService.connect(connection);
    }

    @Test
    void answersTheSecretOnceWithTheAddressesEntraNeedsAndGrantsOnlyManageUsers() {
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        TenantRealm own = ScimRealms.smsRealm("scim-setup");
        JsonNode first = ScimRealms.enableScim(own);
        String realmUrl = KeycloakUnderTest.keycloak().realmUrl(own.name());

        assertThat(first.path("clientId").asText()).isEqualTo("entra-scim");
        assertThat(first.path("tokenUrl").asText()).isEqualTo(realmUrl + "/protocol/openid-connect/token");
        assertThat(first.path("scimBaseUrl").asText()).isEqualTo(realmUrl + "/scim/v2");
        assertThat(first.path("audience").asText()).isEqualTo(realmUrl + "/scim/v2");
        assertThat(first.path("clientSecret").asText()).hasSizeGreaterThan(20);
        assertThat(admin.get("/" + own.name()).path("scimApiEnabled").asBoolean()).isTrue();

        JsonNode client = admin.get("/" + own.name() + "/clients?clientId=entra-scim").path(0);
        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        String serviceAccount = admin.get("/" + own.name() + "/clients/" + client.path("id").asText() + "/service-account-user").path("id").asText();
        JsonNode roles = admin.get("/" + own.name() + "/users/" + serviceAccount + "/role-mappings");
        assertThat(roles.path("realmMappings").isMissingNode() || roles.path("realmMappings").isEmpty()).as(roles.toString()).isTrue();
        assertThat(roles.path("clientMappings").size()).as(roles.toString()).isEqualTo(1);
        List<String> managementRoles = new ArrayList<>();
        roles.path("clientMappings").path("realm-management").path("mappings").forEach(r -> managementRoles.add(r.path("name").asText()));
        assertThat(managementRoles).containsExactly("manage-users");

        JsonNode second = ScimRealms.enableScim(own);
        assertThat(second.path("clientSecret").asText()).isNotEqualTo(first.path("clientSecret").asText());
        assertThat(EntraProvisioningService.tokenFor(first).status()).as("the old secret").isEqualTo(401);
        assertThat(EntraProvisioningService.tokenFor(second).status()).isEqualTo(200);
        assertThat(admin.adminEvents(own.name()).toString()).doesNotContain(first.path("clientSecret").asText())
                .doesNotContain(second.path("clientSecret").asText());
    }

    @Test
    void turnsScimOnOnlyInATenantRealm() {
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();

        KeycloakAdmin.Answer master = admin.post("/master/entra-sfo/scim", Map.of());

        assertThat(master.status()).as(master.body().toString()).isEqualTo(404);
        assertThat(master.body().toString()).doesNotContain("clientSecret");
        assertThat(admin.get("/master").path("scimApiEnabled").asBoolean()).isFalse();
        assertThat(admin.get("/master/clients?clientId=entra-scim")).isEmpty();
    }

    @Test
    void replaysEntrasRequestSequenceAndEveryAttributeLandsWhereTheFactorsReadIt() {
        String upn = "dr.who-" + suffix() + "@hospital.example";
        String oid = UUID.randomUUID().toString();
        String mobile = TenantRealm.newMobile();

        EntraProvisioningService.Answer none = entra.findUser(upn);
        assertThat(none.status()).as(none.body().toString()).isEqualTo(200);
        assertThat(none.body().path("totalResults").asInt()).isZero();

        EntraProvisioningService.Answer created = entra.createUser(upn, oid, "who@hospital.example", mobile);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().path("id").asText();
        JsonNode user = ScimRealms.user(realm, id);
        assertThat(user.path("username").asText()).isEqualTo(upn.toLowerCase());
        assertThat(user.path("email").asText()).isEqualTo("who@hospital.example");
        assertThat(user.path("emailVerified").asBoolean()).isTrue();
        assertThat(user.path("enabled").asBoolean()).isTrue();
        assertThat(user.path("attributes").path("entra_oid").path(0).asText()).isEqualTo(oid);
        assertThat(user.path("attributes").path("entra_tid").path(0).asText()).isEqualTo(realm.tenantId());
        assertThat(user.path("attributes").path("phoneNumber").path(0).asText()).isEqualTo(mobile);

        EntraProvisioningService.Answer found = entra.findUser(upn);
        assertThat(found.body().path("totalResults").asInt()).as(found.body().toString()).isEqualTo(1);
        assertThat(found.body().path("Resources").path(0).path("id").asText()).isEqualTo(id);

        String newMobile = TenantRealm.newMobile();
        assertThat(entra.patch("Users", id, List.of(
                op("Replace", "emails[type eq \"work\"].value", "who.new@hospital.example"),
                op("Replace", EXTENSION + ":mobile", newMobile))).status()).isEqualTo(200);
        user = ScimRealms.user(realm, id);
        assertThat(user.path("email").asText()).isEqualTo("who.new@hospital.example");
        assertThat(user.path("emailVerified").asBoolean()).isTrue();
        assertThat(user.path("attributes").path("phoneNumber").path(0).asText()).isEqualTo(newMobile);

        assertThat(entra.patch("Users", id, "Replace", "active", "False").status()).isEqualTo(200);
        assertThat(ScimRealms.user(realm, id).path("enabled").asBoolean()).as("soft delete").isFalse();
        assertThat(entra.patch("Users", id, "Replace", "active", "True").status()).isEqualTo(200);
        assertThat(ScimRealms.user(realm, id).path("enabled").asBoolean()).as("restored").isTrue();

        String groupName = "Ward 7 " + suffix();
        assertThat(entra.findGroup(groupName).body().path("totalResults").asInt()).isZero();
        EntraProvisioningService.Answer group = entra.createGroup(groupName, UUID.randomUUID().toString());
        assertThat(group.status()).as(group.body().toString()).isEqualTo(201);
        String groupId = group.body().path("id").asText();
        assertThat(entra.findGroup(groupName).body().path("Resources").path(0).path("id").asText()).isEqualTo(groupId);
        String colleague = entra.createUser("colleague-" + suffix() + "@hospital.example", UUID.randomUUID().toString(),
                "colleague" + suffix() + "@hospital.example", TenantRealm.newMobile()).body().path("id").asText();
        EntraProvisioningService.Answer joined = entra.patch("Groups", groupId, "Add", "members",
                List.of(Map.of("value", id), Map.of("value", colleague)));
        assertThat(joined.status()).as(joined.body().toString()).isIn(200, 204);
        assertThat(ScimRealms.memberIds(realm, groupId)).containsExactlyInAnyOrder(id, colleague);
        // Entra's own form of a removal: the member in the value, not in a filter.
        EntraProvisioningService.Answer left = entra.patch("Groups", groupId, "Remove", "members", List.of(Map.of("value", id)));
        assertThat(left.status()).as(left.body().toString()).isIn(200, 204);
        assertThat(ScimRealms.memberIds(realm, groupId)).containsExactly(colleague);
        EntraProvisioningService.Answer filtered = entra.patch("Groups", groupId, "Remove", "members[value eq \"" + colleague + "\"]", null);
        assertThat(filtered.status()).as(filtered.body().toString()).isIn(200, 204);
        assertThat(ScimRealms.memberIds(realm, groupId)).isEmpty();

        for (int i = 0; i < 2; i++) {
            assertThat(entra.createUser("nurse" + i + "-" + suffix() + "@hospital.example", UUID.randomUUID().toString(),
                    "nurse" + i + suffix() + "@hospital.example", TenantRealm.newMobile()).status()).isEqualTo(201);
        }
        JsonNode page1 = entra.users(1, 2).body();
        JsonNode page2 = entra.users(3, 2).body();
        assertThat(page1.path("totalResults").asInt()).as(page1.toString()).isGreaterThanOrEqualTo(3);
        assertThat(page1.path("Resources").size()).isEqualTo(2);
        assertThat(page2.path("Resources").size()).isGreaterThanOrEqualTo(1);
        List<String> ids = new ArrayList<>();
        page1.path("Resources").forEach(u -> ids.add(u.path("id").asText()));
        page2.path("Resources").forEach(u -> ids.add(u.path("id").asText()));
        assertThat(ids).doesNotHaveDuplicates();

        assertThat(entra.delete("Users", id).status()).as("Entra's hard delete").isEqualTo(204);
        // Kept and disabled with its factors (README): Entra's later sync finds and enables the same account.
        assertThat(KeycloakUnderTest.keycloak().admin().get("/" + realm.name() + "/users?exact=true&username=" + upn)).hasSize(1);
        assertThat(ScimRealms.user(realm, id).path("enabled").asBoolean()).isFalse();
    }

    static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> operation = new HashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return operation;
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
