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
 * Keycloak's SCIM server reads more shapes of a write than Entra sends: it descends into a patch's {@code meta},
 * restarts at a schema's name anywhere, unwraps a value held in an object named after its attribute, and takes a single
 * member for a list. Each such shape, sent with the provisioning secret, must be refused whole, never applied past the
 * rules that read only Entra's shapes.
 */
class ScimShapeAttacksIT {

    private static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";

    private static TenantRealm realm;
    private static EntraProvisioningService entra;
    private static KeycloakAdmin admin;

    @BeforeAll
    static void provisionedRealm() {
        admin = KeycloakUnderTest.keycloak().admin();
        realm = ScimRealms.smsRealm("scim-shapes");
        entra = EntraProvisioningService.connect(ScimRealms.enableScim(realm));
    }

    @Test
    void aGroupJoinAnObjectIdAndAReEnableHiddenInTheEnvelopeOfAUserPatchAreRefused() {
        String victim = ScimRealms.provisionedUser(entra);
        String attacker = ScimRealms.provisionedUser(entra);
        String helpdeskGroup = ScimRealms.groupWithRole(realm);
        disableAsAdmin(attacker);
        String victimOid = ScimRealms.user(realm, victim).path("attributes").path("entra_oid").path(0).asText();
        Map<String, Object> hidden = Map.of(CORE, Map.of("groups", List.of(Map.of("value", helpdeskGroup)),
                "externalId", victimOid, "active", true));

        for (String envelope : List.of("meta", "schemas", "id")) {
            EntraProvisioningService.Answer answer = entra.patch("Users", attacker, "Add", null, Map.of(envelope, hidden));
            assertThat(answer.status()).as(envelope + ": " + answer.body()).isEqualTo(400);
        }

        assertThat(ScimRealms.memberIds(realm, helpdeskGroup)).isEmpty();
        JsonNode after = ScimRealms.user(realm, attacker);
        assertThat(after.path("attributes").path("entra_oid").path(0).asText()).isNotEqualTo(victimOid);
        assertThat(after.path("enabled").asBoolean()).isFalse();
    }

    @Test
    void aValueWrappedInAnObjectNamedAfterItsAttributeIsRefused() {
        String user = ScimRealms.provisionedUser(entra);
        disableAsAdmin(user);
        String number = ScimRealms.user(realm, user).path("attributes").path("phoneNumber").path(0).asText();

        List<EntraProvisioningService.Answer> answers = List.of(
                entra.patch("Users", user, "Replace", "active", Map.of("active", true)),
                entra.patch("Users", user, "Replace", EXTENSION + ":mobile", Map.of(EXTENSION + ":mobile", "+8869123456789")),
                entra.patch("Users", user, "Replace", "externalId", List.of(UUID.randomUUID().toString(), "x")));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400));
        JsonNode after = ScimRealms.user(realm, user);
        assertThat(after.path("enabled").asBoolean()).isFalse();
        assertThat(after.path("attributes").path("phoneNumber").path(0).asText()).isEqualTo(number);
    }

    @Test
    void anOperatorInAMemberShapeEntraNeverSendsJoinsNoGroup() {
        String operator = ScimRealms.operator(realm, entra);
        String group = entra.createGroup("Ward-" + ScimRealms.suffix(), UUID.randomUUID().toString()).body().path("id").asText();

        List<EntraProvisioningService.Answer> answers = List.of(
                entra.patch("Groups", group, "Add", "members", Map.of("value", operator)),
                entra.patch("Groups", group, "Add", "members", operator),
                entra.patch("Groups", group, "Add", "members", List.of(operator)),
                entra.patch("Groups", group, "Add", null, Map.of("Members", List.of(Map.of("value", operator)))),
                entra.patch("Groups", group, "Add", null, Map.of("members", Map.of("value", operator))),
                entra.patch("Groups", group, "Add", null, Map.of("id", Map.of("urn:ietf:params:scim:schemas:core:2.0:Group",
                        Map.of("members", List.of(Map.of("value", operator)))))));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400));
        assertThat(ScimRealms.memberIds(realm, group)).isEmpty();
    }

    @Test
    void entraCannotDeleteItsGroupWhileAnOperatorAnAdminPlacedIsInIt() {
        String operator = ScimRealms.operator(realm, entra);
        String group = entra.createGroup("Ward-" + ScimRealms.suffix(), UUID.randomUUID().toString()).body().path("id").asText();
        admin.put("/" + realm.name() + "/users/" + operator + "/groups/" + group, Map.of());

        EntraProvisioningService.Answer delete = entra.delete("Groups", group);

        assertThat(delete.status()).as(delete.body().toString()).isEqualTo(400);
        assertThat(ScimRealms.memberIds(realm, group)).containsExactly(operator);
    }

    private static void disableAsAdmin(String userId) {
        var rep = (com.fasterxml.jackson.databind.node.ObjectNode) ScimRealms.user(realm, userId);
        rep.put("enabled", false);
        assertThat(admin.put("/" + realm.name() + "/users/" + userId, rep).status()).isEqualTo(204);
    }
}
