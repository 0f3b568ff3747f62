package org.entrasfo.it.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entrasfo.it.scim.EntraProvisioningService.EXTENSION;

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
 * Whoever holds the provisioning client's secret (Entra, or a thief of it) writes users through SCIM and nothing
 * more: no admin API, no other realm, no group that carries roles, no attribute the mapping does not name.
 */
class ScimClientAttacksIT {

    private static TenantRealm realm;
    private static EntraProvisioningService entra;
    private static KeycloakAdmin admin;

    @BeforeAll
    static void provisionedRealm() {
        admin = KeycloakUnderTest.keycloak().admin();
        realm = ScimRealms.smsRealm("scim-attacks");
        entra = EntraProvisioningService.connect(ScimRealms.enableScim(realm));
    }

    @Test
    void theProvisioningTokenOpensNoDoorOfTheAdminApi() {
        String victim = ScimRealms.provisionedUser(entra);
        EntraProvisioningService thief = entra.at(KeycloakUnderTest.keycloak().baseUrl() + "/admin/realms/" + realm.name());
        JsonNode before = ScimRealms.user(realm, victim);

        EntraProvisioningService.Answer list = thief.get("/users");
        EntraProvisioningService.Answer window = thief.send("PUT", "/users/" + victim, Map.of("attributes",
                Map.of("sfo_enrolment_until", List.of("4102444800"), "entra_oid", List.of(UUID.randomUUID().toString()))));
        EntraProvisioningService.Answer password = thief.send("PUT", "/users/" + victim + "/reset-password",
                Map.of("type", "password", "value", "Attacker-chosen-1", "temporary", false));
        EntraProvisioningService.Answer actions = thief.send("PUT", "/users/" + victim, Map.of("requiredActions", List.of("CONFIGURE_TOTP")));
        EntraProvisioningService.Answer credentials = thief.get("/users/" + victim + "/credentials");

        assertThat(List.of(list, window, password, actions, credentials)).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(403);
            assertThat(answer.body().path("error").asText()).isEqualTo("access_denied");
        });
        JsonNode after = ScimRealms.user(realm, victim);
        assertThat(after.path("attributes")).isEqualTo(before.path("attributes"));
        assertThat(after.path("requiredActions")).isEqualTo(before.path("requiredActions"));
        assertThat(admin.get("/" + realm.name() + "/users/" + victim + "/credentials")).isEmpty();
    }

    @Test
    void refusesATokenOfAnotherRealmsProvisioningClient() {
        TenantRealm other = ScimRealms.smsRealm("scim-other");
        EntraProvisioningService otherEntra = EntraProvisioningService.connect(ScimRealms.enableScim(other),
                KeycloakUnderTest.keycloak().realmUrl(realm.name()) + "/scim/v2");
        String upn = "intruder-" + UUID.randomUUID().toString().substring(0, 6) + "@hospital.example";

        EntraProvisioningService.Answer read = otherEntra.users(1, 10);
        EntraProvisioningService.Answer write = otherEntra.createUser(upn, UUID.randomUUID().toString(), upn, TenantRealm.newMobile());

        assertThat(read.status()).as(read.body().toString()).isIn(401, 403);
        assertThat(read.body().path("Resources").isMissingNode()).isTrue();
        assertThat(write.status()).as(write.body().toString()).isIn(401, 403);
        assertThat(admin.get("/" + realm.name() + "/users?exact=true&username=" + upn)).isEmpty();
    }

    @Test
    void refusesToFillOrChangeAGroupThatCarriesRoles() {
        String victim = ScimRealms.provisionedUser(entra);
        String roleGroup = ScimRealms.groupWithRole(realm);

        EntraProvisioningService.Answer join = entra.patch("Groups", roleGroup, "Add", "members", List.of(Map.of("value", victim)));
        EntraProvisioningService.Answer rename = entra.patch("Groups", roleGroup, "Replace", "displayName", "Ward 7");
        EntraProvisioningService.Answer delete = entra.delete("Groups", roleGroup);
        EntraProvisioningService.Answer throughUser = entra.patch("Users", victim, "Add", "groups", List.of(Map.of("value", roleGroup)));

        assertThat(List.of(join, rename, delete, throughUser)).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
            assertThat(answer.body().path("schemas").path(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        });
        assertThat(ScimRealms.memberIds(realm, roleGroup)).isEmpty();
        assertThat(admin.get("/" + realm.name() + "/groups/" + roleGroup).path("name").asText()).endsWith("-group");
    }

    @Test
    void refusesToChangeOrDeleteAUserWhoHoldsRoles() {
        String operator = ScimRealms.provisionedUser(entra);
        String role = "ward-helpdesk-" + UUID.randomUUID().toString().substring(0, 6);
        admin.post("/" + realm.name() + "/roles", Map.of("name", role));
        admin.post("/" + realm.name() + "/users/" + operator + "/role-mappings/realm", List.of(admin.get("/" + realm.name() + "/roles/" + role)));
        String number = ScimRealms.user(realm, operator).path("attributes").path("phoneNumber").path(0).asText();

        EntraProvisioningService.Answer moved = entra.patch("Users", operator, "Replace", EXTENSION + ":mobile", "+41791234567");
        EntraProvisioningService.Answer disabled = entra.patch("Users", operator, "Replace", "active", "False");
        EntraProvisioningService.Answer deleted = entra.delete("Users", operator);

        assertThat(List.of(moved, disabled, deleted)).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
            assertThat(answer.body().path("detail").asText()).contains("holds roles");
        });
        JsonNode after = ScimRealms.user(realm, operator);
        assertThat(after.path("attributes").path("phoneNumber").path(0).asText()).isEqualTo(number);
        assertThat(after.path("enabled").asBoolean()).isTrue();
    }

    @Test
    void refusesAnAttributeTheMappingDoesNotNameAndChangesNothing() {
        String victim = ScimRealms.provisionedUser(entra);
        String tenant = realm.tenantId();
        String upn = "extra-" + UUID.randomUUID().toString().substring(0, 6) + "@hospital.example";
        Map<String, Object> withDepartment = new java.util.LinkedHashMap<>(Map.of("schemas", List.of(
                EntraProvisioningService.USER_SCHEMA, EntraProvisioningService.ENTERPRISE_SCHEMA), "userName", upn,
                "externalId", UUID.randomUUID().toString(), "active", true));
        withDepartment.put(EntraProvisioningService.ENTERPRISE_SCHEMA, Map.of("department", "Cardiology"));

        List<EntraProvisioningService.Answer> answers = List.of(
                entra.patch("Users", victim, "Add", EXTENSION + ":sfo_enrolment_until", "4102444800"),
                entra.patch("Users", victim, "Replace", "urn:keycloak:params:scim:schemas:extension:realm:1.0:User:entra_tid",
                        UUID.randomUUID().toString()),
                entra.patch("Users", victim, "Add", null, Map.of("entra_tid", UUID.randomUUID().toString(),
                        "sfo_enrolment_until", "4102444800", "requiredActions", List.of("CONFIGURE_TOTP"))),
                entra.patch("Users", victim, "Add", "groups", List.of(Map.of("value", UUID.randomUUID().toString()))),
                entra.patch("Users", victim, List.of(ScimProvisioningIT.op("Replace", "active", "False"),
                        ScimProvisioningIT.op("Add", "title", "Chief"))),
                entra.send("POST", "/Users", withDepartment));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
            assertThat(answer.body().path("schemas").path(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
            assertThat(answer.body().path("detail").asText()).contains("not provisioned in this realm");
        });
        JsonNode user = ScimRealms.user(realm, victim);
        assertThat(user.path("attributes").path("sfo_enrolment_until").isMissingNode()).as(user.toString()).isTrue();
        assertThat(user.path("attributes").path("entra_tid").path(0).asText()).isEqualTo(tenant);
        assertThat(user.path("requiredActions")).isEmpty();
        assertThat(user.path("enabled").asBoolean()).as("a refused patch changes nothing, not even its allowed part").isTrue();
        assertThat(admin.get("/" + realm.name() + "/users?exact=true&username=" + upn)).isEmpty();
    }

    @Test
    void refusesToMoveAnEntraObjectIdOntoAnotherUser() {
        String victim = ScimRealms.provisionedUser(entra);
        String victimOid = ScimRealms.user(realm, victim).path("attributes").path("entra_oid").path(0).asText();
        String attacker = ScimRealms.provisionedUser(entra);
        String attackerOid = ScimRealms.user(realm, attacker).path("attributes").path("entra_oid").path(0).asText();
        String upn = "twin-" + UUID.randomUUID().toString().substring(0, 6) + "@hospital.example";

        EntraProvisioningService.Answer moved = entra.patch("Users", attacker, "Replace", "externalId", victimOid);
        EntraProvisioningService.Answer movedWithoutPath = entra.patch("Users", attacker, "Add", null, Map.of("externalId", victimOid));
        EntraProvisioningService.Answer twin = entra.createUser(upn, victimOid, upn, TenantRealm.newMobile());

        assertThat(List.of(moved, movedWithoutPath, twin)).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(409);
            assertThat(answer.body().path("scimType").asText()).isEqualTo("uniqueness");
        });
        assertThat(ScimRealms.user(realm, attacker).path("attributes").path("entra_oid").path(0).asText()).isEqualTo(attackerOid);
        assertThat(ScimRealms.user(realm, victim).path("attributes").path("entra_oid").path(0).asText()).isEqualTo(victimOid);
        assertThat(admin.get("/" + realm.name() + "/users?exact=true&username=" + upn)).isEmpty();
        assertThat(entra.patch("Users", attacker, "Replace", "externalId", attackerOid).status())
                .as("its own object ID again").isEqualTo(200);
    }

    @Test
    void refusesAMobileNumberTheSmsFactorWouldNotSendTo() {
        String victim = ScimRealms.provisionedUser(entra);
        String before = ScimRealms.user(realm, victim).path("attributes").path("phoneNumber").path(0).asText();
        String upn = "abroad-" + UUID.randomUUID().toString().substring(0, 6) + "@hospital.example";

        List<EntraProvisioningService.Answer> answers = List.of(
                entra.patch("Users", victim, "Replace", EXTENSION + ":mobile", "+12025550123"),
                entra.patch("Users", victim, "Replace", EXTENSION + ":mobile", "call me maybe"),
                entra.patch("Users", victim, "Add", null, Map.of(EXTENSION, Map.of("mobile", "+8613800138000"))),
                entra.createUser(upn, UUID.randomUUID().toString(), upn, "+12025550123"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
            assertThat(answer.body().path("detail").asText()).contains("SMS factor");
        });
        assertThat(ScimRealms.user(realm, victim).path("attributes").path("phoneNumber").path(0).asText()).isEqualTo(before);
        assertThat(admin.events(realm.name(), "UPDATE_PROFILE_ERROR")).filteredOn(e -> victim.equals(e.path("userId").asText()))
                .hasSize(3).allSatisfy(event -> {
                    assertThat(event.path("error").asText()).isEqualTo("scim_write_refused");
                    assertThat(event.path("details").path("reason").asText()).contains("SMS factor");
                    assertThat(event.toString()).doesNotContain("+12025550123").doesNotContain("+8613800138000");
                });
        assertThat(admin.get("/" + realm.name() + "/users?exact=true&username=" + upn)).isEmpty();
        assertThat(entra.patch("Users", victim, "Replace", EXTENSION + ":mobile", "+41791234567").status())
                .as("a Swiss number is allowed").isEqualTo(200);
    }
}
