package org.entrasfo.it.scim;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Groups are doors: the policy's group rules choose a user's factor and a group's enrolment window lets its members set
 * a factor up. Whoever holds the provisioning secret changes only the groups Entra created through SCIM, never an
 * admin's group or one an admin gave power to since, and never moves a user who holds roles in or out of a group.
 */
class ScimGroupAttacksIT {

    private static final String SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    private static TenantRealm realm;
    private static EntraProvisioningService entra;
    private static KeycloakAdmin admin;

    @BeforeAll
    static void provisionedRealm() {
        admin = KeycloakUnderTest.keycloak().admin();
        realm = ScimRealms.smsRealm("scim-groups");
        entra = EntraProvisioningService.connect(ScimRealms.enableScim(realm));
    }

    @Test
    void entraCannotFillRenameOrDeleteAGroupAnAdminMade() {
        String victim = ScimRealms.provisionedUser(entra);
        String adminsGroup = adminGroup("Pharmacy " + ScimRealms.suffix(), Map.of());

        List<EntraProvisioningService.Answer> answers = List.of(
                entra.patch("Groups", adminsGroup, "Add", "members", List.of(Map.of("value", victim))),
                entra.patch("Groups", adminsGroup, "Replace", "displayName", "Ward 7 " + ScimRealms.suffix()),
                entra.send("PUT", "/Groups/" + adminsGroup, Map.of("schemas", List.of(EntraProvisioningService.GROUP_SCHEMA),
                        "displayName", "Ward 8 " + ScimRealms.suffix())),
                entra.delete("Groups", adminsGroup));

        assertRefused(answers, "not created by Entra");
        assertThat(ScimRealms.memberIds(realm, adminsGroup)).isEmpty();
        assertThat(admin.get("/" + realm.name() + "/groups/" + adminsGroup).path("name").asText()).startsWith("Pharmacy ");
        assertThat(refusalEvents()).isNotEmpty();
    }

    @Test
    void entraCannotPutAnyoneInAGroupThatOpensAnEnrolmentWindow() {
        String victim = ScimRealms.provisionedUser(entra);
        String entrasGroup = entraGroup("Onboarding " + ScimRealms.suffix());
        admin.put("/" + realm.name() + "/groups/" + entrasGroup, Map.of("name", groupName(entrasGroup),
                "attributes", Map.of("entra_scim_group", List.of("true"), "sfo_enrolment_until", List.of("2999-12-31"))));

        EntraProvisioningService.Answer join = entra.patch("Groups", entrasGroup, "Add", "members", List.of(Map.of("value", victim)));

        assertRefused(List.of(join), "enrolment window");
        assertThat(ScimRealms.memberIds(realm, entrasGroup)).isEmpty();
    }

    @Test
    void entraCannotDeleteItsGroupOnceAnAdminHungAGroupWithRolesUnderIt() {
        String entrasGroup = entraGroup("Cardiology " + ScimRealms.suffix());
        String role = "ward-helpdesk-" + ScimRealms.suffix();
        admin.post("/" + realm.name() + "/roles", Map.of("name", role));
        KeycloakAdmin.Answer child = admin.post("/" + realm.name() + "/groups/" + entrasGroup + "/children", Map.of("name", "Help desk"));
        String childId = child.body() != null && child.body().has("id") ? child.body().path("id").asText()
                : child.location().substring(child.location().lastIndexOf('/') + 1);
        admin.post("/" + realm.name() + "/groups/" + childId + "/role-mappings/realm", List.of(admin.get("/" + realm.name() + "/roles/" + role)));

        EntraProvisioningService.Answer delete = entra.delete("Groups", entrasGroup);
        EntraProvisioningService.Answer rename = entra.patch("Groups", entrasGroup, "Replace", "displayName", "Renamed " + ScimRealms.suffix());

        assertRefused(List.of(delete, rename), "has subgroups");
        assertThat(admin.get("/" + realm.name() + "/groups/" + childId).path("id").asText()).isEqualTo(childId);
    }

    @Test
    void anOperatorSlippedInAmongOrdinaryMembersIsRefusedAndNobodyJoins() {
        String nurse = ScimRealms.provisionedUser(entra);
        String operator = ScimRealms.operator(realm, entra);
        String entrasGroup = entraGroup("Ward 9 " + ScimRealms.suffix());

        List<EntraProvisioningService.Answer> answers = List.of(
                entra.patch("Groups", entrasGroup, "Add", "members", List.of(Map.of("value", nurse), Map.of("value", operator))),
                entra.patch("Groups", entrasGroup, List.of(Map.of("op", "Add", "value",
                        Map.of("members", List.of(Map.of("value", nurse), Map.of("value", operator)))))),
                entra.send("POST", "/Groups", Map.of("schemas", List.of(EntraProvisioningService.GROUP_SCHEMA),
                        "displayName", "Ward-10-" + ScimRealms.suffix(), "members", List.of(Map.of("value", nurse), Map.of("value", operator)))));

        assertRefused(answers, "holds roles");
        assertThat(ScimRealms.memberIds(realm, entrasGroup)).isEmpty();
        assertThat(admin.get("/" + realm.name() + "/groups?search=Ward-10-")).isEmpty();
    }

    @Test
    void entraCannotRemoveAnOperatorAnAdminPlacedInItsGroup() {
        String nurse = ScimRealms.provisionedUser(entra);
        String operator = ScimRealms.operator(realm, entra);
        String entrasGroup = entraGroup("Ward 11 " + ScimRealms.suffix());
        admin.put("/" + realm.name() + "/users/" + operator + "/groups/" + entrasGroup, Map.of());

        List<EntraProvisioningService.Answer> answers = List.of(
                entra.patch("Groups", entrasGroup, "Remove", "members", List.of(Map.of("value", operator))),
                entra.patch("Groups", entrasGroup, "Replace", "members", List.of(Map.of("value", nurse))),
                entra.patch("Groups", entrasGroup, "Remove", "members", null));

        assertRefused(answers, "holds roles");
        assertThat(ScimRealms.memberIds(realm, entrasGroup)).containsExactly(operator);
    }

    @Test
    void entrasOwnGroupsFollowEntraCreateFillEmptyRenameDelete() {
        String nurse = ScimRealms.provisionedUser(entra);
        String entrasGroup = entraGroup("Ward 12 " + ScimRealms.suffix());

        assertThat(entra.patch("Groups", entrasGroup, "Add", "members", List.of(Map.of("value", nurse))).status()).isIn(200, 204);
        assertThat(ScimRealms.memberIds(realm, entrasGroup)).containsExactly(nurse);
        assertThat(entra.patch("Groups", entrasGroup, "Remove", "members", List.of(Map.of("value", nurse))).status()).isIn(200, 204);
        assertThat(ScimRealms.memberIds(realm, entrasGroup)).isEmpty();
        String renamed = "Ward 12a " + ScimRealms.suffix();
        EntraProvisioningService.Answer rename = entra.patch("Groups", entrasGroup, "Replace", "displayName", renamed);
        assertThat(rename.status()).as(rename.body().toString()).isIn(200, 204);
        assertThat(groupName(entrasGroup)).isEqualTo(renamed);
        assertThat(entra.delete("Groups", entrasGroup).status()).isEqualTo(204);
    }

    private static void assertRefused(List<EntraProvisioningService.Answer> answers, String reason) {
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
            assertThat(answer.body().path("schemas").path(0).asText()).isEqualTo(SCIM_ERROR);
            assertThat(answer.body().path("detail").asText()).contains(reason);
        });
    }

    private static List<JsonNode> refusalEvents() {
        return admin.events(realm.name(), "UPDATE_PROFILE_ERROR").stream()
                .filter(e -> "scim_write_refused".equals(e.path("error").asText())).toList();
    }

    private static String entraGroup(String displayName) {
        EntraProvisioningService.Answer group = entra.createGroup(displayName, UUID.randomUUID().toString());
        assertThat(group.status()).as(group.body().toString()).isEqualTo(201);
        return group.body().path("id").asText();
    }

    private static String adminGroup(String name, Map<String, List<String>> attributes) {
        KeycloakAdmin.Answer group = admin.post("/" + realm.name() + "/groups", Map.of("name", name, "attributes", attributes));
        return group.location().substring(group.location().lastIndexOf('/') + 1);
    }

    private static String groupName(String id) {
        return admin.get("/" + realm.name() + "/groups/" + id).path("name").asText();
    }
}
