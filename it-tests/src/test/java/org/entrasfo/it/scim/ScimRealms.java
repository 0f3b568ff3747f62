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
}
