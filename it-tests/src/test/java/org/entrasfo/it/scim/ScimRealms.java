package org.entrasfo.it.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.TenantRealm;

/** Tenant realms with the SMS factor and SCIM provisioning on, made by the product's own calls. */
final class ScimRealms {

    static final String SENDER = "+15005550006";

    private ScimRealms() {
    }

    static TenantRealm smsRealm(String prefix) {
        return TenantRealm.create(prefix + "-" + UUID.randomUUID().toString().substring(0, 6), MicrosoftCloud.GLOBAL,
                Map.of("factors", List.of("sfo-sms-code"))).configure("sfo-sms-code", Map.of(
                "twilioAccountSid", KeycloakUnderTest.TWILIO_ACCOUNT_SID,
                "twilioAuthToken", KeycloakUnderTest.TWILIO_AUTH_TOKEN,
                "twilioFrom", SENDER,
                "resendCooldownSeconds", "0",
                "allowedCountries", "DE,AT,CH"));
    }

    /** The provisioning call an admin makes; its answer is what Entra's admin pastes. */
    static JsonNode enableScim(TenantRealm realm) {
        KeycloakAdmin.Answer answer = KeycloakUnderTest.keycloak().admin().post("/" + realm.name() + "/entra-sfo/scim", Map.of());
        if (answer.status() != 200) {
            throw new IllegalStateException("enabling SCIM: HTTP " + answer.status() + " " + answer.body());
        }
        return answer.body();
    }

    static JsonNode user(TenantRealm realm, String id) {
        return KeycloakUnderTest.keycloak().admin().get("/" + realm.name() + "/users/" + id);
    }

    static List<String> memberIds(TenantRealm realm, String groupId) {
        List<String> ids = new ArrayList<>();
        KeycloakUnderTest.keycloak().admin().get("/" + realm.name() + "/groups/" + groupId + "/members")
                .forEach(member -> ids.add(member.path("id").asText()));
        return ids;
    }

    /** A user Entra's provisioning created: their Keycloak id. */
    static String provisionedUser(EntraProvisioningService entra) {
        String upn = "clinician-" + suffix() + "@hospital.example";
        EntraProvisioningService.Answer created = entra.createUser(upn, UUID.randomUUID().toString(), upn, TenantRealm.newMobile());
        if (created.status() != 201) {
            throw new IllegalStateException("SCIM create: HTTP " + created.status() + " " + created.body());
        }
        return created.body().path("id").asText();
    }

    /** A user Entra provisioned to whom an admin then gave a realm role, as to a help desk operator. */
    static String operator(TenantRealm realm, EntraProvisioningService entra) {
        String user = provisionedUser(entra);
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        String role = "operator-" + suffix();
        admin.post("/" + realm.name() + "/roles", Map.of("name", role));
        admin.post("/" + realm.name() + "/users/" + user + "/role-mappings/realm", List.of(admin.get("/" + realm.name() + "/roles/" + role)));
        return user;
    }

    /** A group an admin made for a role (a stand-in for the help desk's), which Entra must not fill. */
    static String groupWithRole(TenantRealm realm) {
        KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();
        String role = "ward-helpdesk-" + suffix();
        admin.post("/" + realm.name() + "/roles", Map.of("name", role));
        KeycloakAdmin.Answer group = admin.post("/" + realm.name() + "/groups", Map.of("name", role + "-group"));
        String groupId = group.location().substring(group.location().lastIndexOf('/') + 1);
        admin.post("/" + realm.name() + "/groups/" + groupId + "/role-mappings/realm", List.of(admin.get("/" + realm.name() + "/roles/" + role)));
        return groupId;
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
