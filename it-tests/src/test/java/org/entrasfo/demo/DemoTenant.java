package org.entrasfo.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entrasfo.entrasim.DemoPage;
import org.entrasfo.entrasim.DemoSettings;
import org.entrasfo.entrasim.DemoSettings.DemoUser;
import org.entrasfo.entrasim.EntraSimulator;
import org.entrasfo.it.keycloak.KeycloakAdmin;

/**
 * The demo tenant realm: made by the product's own provisioning call, with every factor on, and one user per thing
 * to try, each chosen by a rule of the realm's factor policy (a group), as an admin would set it up.
 */
public final class DemoTenant {

    static final String TENANT_ID = "3f2b9c1e-5d6a-4e7b-8c9d-0a1b2c3d4e5f";
    static final String APP_ID = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    static final String FLOW = "entra-second-factor-only";
    /** Twilio's magic test sender; the demo's Twilio stand-in accepts it. */
    static final String SMS_SENDER = "+15005550006";

    /** Where the demo's SMS and mail go, and how the realm reaches them. */
    public record Outboxes(String twilioAccountSid, String twilioAuthToken, int smtpPort) {
    }

    /** Who to sign in as, and what it shows (the start page's table). */
    static final List<DemoUser> USERS = List.of(
            new DemoUser("alice", "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "demo-pairwise-sub-alice", "alice@demo-hospital.example",
                    "Alice Example", "OTP token (the code is shown here). After a sign-in she can add push approval or a passkey "
                    + "from the Account Console, then choose them with 'Try another way'.", "DemoSecretOnly4Demo!"),
            new DemoUser("bob", "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f", "demo-pairwise-sub-bob", "bob@demo-hospital.example",
                    "Bob Nurse", "SMS code: the message is on the page 'SMS messages' of the Twilio stand-in.", null),
            new DemoUser("carol", "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a", "demo-pairwise-sub-carol", "carol@demo-hospital.example",
                    "Carol Clerk", "Email code: the message is on the page 'Mail' of the mail catcher.", null),
            new DemoUser("dave", "8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b", "demo-pairwise-sub-dave", "dave@demo-hospital.example",
                    "Dave Locum", "Help desk code: issue one on the page 'Help desk' first (as an operator would on the phone).", null),
            new DemoUser("erin", "9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c", "demo-pairwise-sub-erin", "erin@demo-hospital.example",
                    "Erin Starter", "No factor yet, but an enrolment window is open: she sets up an OTP token (any authenticator "
                    + "app) or push approval inside the sign-in.", null),
            new DemoUser("frank", "0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d", "demo-pairwise-sub-frank", "frank@demo-hospital.example",
                    "Frank Chooser", "A choice: OTP token, SMS or email code ('Try another way').", "DemoSecretForFrank!!"));

    private DemoTenant() {
    }

    /** Makes the realm, its policy and users; answers what the start page needs. */
    public static DemoSettings create(KeycloakAdmin admin, EntraSimulator microsoft, String realm, String authorizationEndpoint,
            String discoveryUrl, Outboxes outboxes) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("realm", realm);
        profile.put("name", "Demo tenant");
        profile.put("displayName", "Demo Hospital EHR");
        profile.put("tenantId", TENANT_ID);
        profile.put("cloud", "GLOBAL");
        profile.put("appId", APP_ID);
        // The simulator plays Microsoft: the demo realm trusts it instead of login.microsoftonline.com.
        profile.put("authorityIssuerBaseUrl", microsoft.issuerBaseUrl());
        profile.put("authorityJwksUrl", microsoft.jwksUrl());
        profile.put("factors", List.of("sfo-otp", "sfo-push", "sfo-passkey", "sfo-sms-code", "sfo-email-code", "sfo-helpdesk-code"));
        KeycloakAdmin.Answer made = admin.applyTenantRealm(profile);
        if (made.status() / 100 != 2) {
            throw new IllegalStateException("Could not create the demo realm: " + made.body());
        }
        admin.put("/" + realm, Map.of("smtpServer", Map.of("host", "127.0.0.1", "port", String.valueOf(outboxes.smtpPort()),
                "from", "mfa@demo-hospital.example", "fromDisplayName", "Demo Hospital MFA")));
        admin.configureExecution(realm, FLOW, "sfo-sms-code", Map.of("twilioAccountSid", outboxes.twilioAccountSid(),
                "twilioAuthToken", outboxes.twilioAuthToken(), "twilioFrom", SMS_SENDER, "allowedCountries", "DE",
                "defaultRegion", "DE", "resendCooldownSeconds", "30"));
        admin.configureExecution(realm, FLOW, "sfo-otp", Map.of("enrolment", "window"));
        admin.configureExecution(realm, FLOW, "sfo-push", Map.of("enrolment", "window"));
        admin.configureExecution(realm, FLOW, "sfo-policy", Map.of(
                "allowedFactors", "sfo-otp##sfo-push##sfo-passkey",
                "rules", "/SMS = sfo-sms-code##/Email = sfo-email-code##/Help desk = sfo-helpdesk-code"
                        + "##/Choice = sfo-otp, sfo-sms-code, sfo-email-code"));

        user(admin, realm, USERS.get(0), null, null, null);
        user(admin, realm, USERS.get(1), "SMS", "+4915112345678", null);
        user(admin, realm, USERS.get(2), "Email", null, null);
        user(admin, realm, USERS.get(3), "Help desk", null, null);
        user(admin, realm, USERS.get(4), null, null, "2999-12-31");
        user(admin, realm, USERS.get(5), "Choice", "+4915187654321", null);

        return new DemoSettings(authorizationEndpoint, discoveryUrl, made.body().path("clientId").asText(), TENANT_ID, APP_ID, USERS,
                List.of(new DemoPage.Link(DemoPages.SMS_PATH, "SMS messages (the Twilio stand-in's outbox)"),
                        new DemoPage.Link(DemoPages.MAIL_PATH, "Mail (the mail catcher's inbox)"),
                        new DemoPage.Link(DemoPages.HELPDESK_PATH, "Help desk: issue a code for Dave")));
    }

    /** A user bound to their Entra identity, with a verified address, in the policy group that chooses their factor. */
    private static void user(KeycloakAdmin admin, String realm, DemoUser demo, String group, String mobile, String enrolmentUntil) {
        String id = admin.createEntraUser(realm, demo.key(), demo.objectId(), TENANT_ID, demo.otpSecret(), false);
        ObjectNode user = (ObjectNode) admin.get("/" + realm + "/users/" + id);
        user.put("email", demo.preferredUsername());
        user.put("emailVerified", true);
        user.put("firstName", demo.displayName().split(" ")[0]);
        user.put("lastName", demo.displayName().split(" ")[1]);
        ObjectNode attributes = (ObjectNode) user.path("attributes");
        if (mobile != null) {
            attributes.putArray("phoneNumber").add(mobile);
        }
        if (enrolmentUntil != null) {
            attributes.putArray("sfo_enrolment_until").add(enrolmentUntil);
        }
        admin.put("/" + realm + "/users/" + id, user);
        if (group != null) {
            admin.put("/" + realm + "/users/" + id + "/groups/" + groupId(admin, realm, group), Map.of());
        }
    }

    private static String groupId(KeycloakAdmin admin, String realm, String name) {
        for (JsonNode group : admin.get("/" + realm + "/groups?exact=true&search=" + name.replace(" ", "%20"))) {
            if (name.equals(group.path("name").asText())) {
                return group.path("id").asText();
            }
        }
        KeycloakAdmin.Answer made = admin.post("/" + realm + "/groups", Map.of("name", name));
        return made.location().substring(made.location().lastIndexOf('/') + 1);
    }
}
