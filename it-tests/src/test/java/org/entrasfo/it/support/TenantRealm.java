package org.entrasfo.it.support;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;
import org.entrasfo.entrasim.HintBuilder;
import org.entrasfo.entrasim.MicrosoftCloud;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakEndpoint;
import org.entrasfo.it.secrets.RunSecrets;

/**
 * A realm serving one Entra tenant, made by the product's own provisioning call. Its trusted issuer is the real
 * Microsoft host of its cloud; only the JWKS URL points at the simulator, whose keys sign the hints.
 */
public record TenantRealm(KeycloakEndpoint keycloak, String name, MicrosoftCloud cloud, String tenantId, String appId, String clientId,
                          JsonNode description) {

    private static final Map<String, TenantRealm> REALMS = new ConcurrentHashMap<>();

    /** The shared realm of a cloud; tests that change realm settings make their own with {@link #create}. */
    public static TenantRealm of(MicrosoftCloud cloud) {
        return REALMS.computeIfAbsent(cloud.name(), key -> create(cloud.name().toLowerCase().replace('_', '-') + "-tenant", cloud, Map.of()));
    }

    public static TenantRealm create(String name, MicrosoftCloud cloud, Map<String, Object> extraSettings) {
        return create(KeycloakUnderTest.keycloak(), name, cloud, extraSettings);
    }

    public static TenantRealm create(KeycloakEndpoint keycloak, String name, MicrosoftCloud cloud, Map<String, Object> extraSettings) {
        String tenantId = UUID.randomUUID().toString();
        String appId = UUID.randomUUID().toString();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("realm", name);
        profile.put("name", name + " (tests)");
        profile.put("displayName", "Test application " + name);
        profile.put("tenantId", tenantId);
        profile.put("cloud", cloud.name());
        profile.put("appId", appId);
        profile.put("authorityJwksUrl", KeycloakUnderTest.simulator().jwksUrl());
        profile.putAll(extraSettings);
        KeycloakAdmin.Answer answer = keycloak.admin().applyTenantRealm(profile);
        if (answer.status() != 201 && answer.status() != 200) {
            throw new IllegalStateException("provisioning " + name + ": HTTP " + answer.status() + " " + answer.body());
        }
        return new TenantRealm(keycloak, name, cloud, tenantId, appId, answer.body().path("clientId").asText(), answer.body());
    }

    public String redirectUri() {
        return cloud.redirectUri();
    }

    public String discoveryUrl() {
        return keycloak.discoveryUrl(name);
    }

    public EntraUser newUser() {
        return newUser(true);
    }

    public EntraUser newUser(boolean counterBased) {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        String oid = UUID.randomUUID().toString();
        String secret = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        RunSecrets.otpSeed(secret);
        keycloak.admin().createEntraUser(name, username, oid, tenantId, secret, counterBased);
        return new EntraUser(username, oid, "sub-" + UUID.randomUUID(), secret, counterBased, new AtomicLong());
    }

    /** A user bound to an Entra identity without any second factor yet, with the given attributes. */
    public EntraUser newUserWithout2ndFactor(Map<String, List<String>> attributes) {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        String oid = UUID.randomUUID().toString();
        KeycloakAdmin admin = keycloak.admin();
        admin.createEntraUser(name, username, oid, tenantId, null, false);
        if (!attributes.isEmpty()) {
            admin.setUserAttributes(name, username, attributes);
        }
        return new EntraUser(username, oid, "sub-" + UUID.randomUUID(), null, false, new AtomicLong());
    }

    /** Configures a step of the realm's SFO flow, as the gear icon in the flow editor does. */
    public TenantRealm configure(String providerId, Map<String, String> config) {
        keycloak.admin().configureExecution(name, "entra-second-factor-only", providerId, config);
        return this;
    }

    /**
     * Gives the user the realm's default roles ({@code manage-account} among them), as every user Keycloak creates
     * (SCIM, the admin console, a first sign-in) has them; test users are imported, which skips them.
     */
    public EntraUser withDefaultRoles(EntraUser user) {
        KeycloakAdmin admin = keycloak.admin();
        JsonNode defaultRoles = admin.get("/" + name + "/roles/default-roles-" + name);
        int status = admin.post("/" + name + "/users/" + userId(user) + "/role-mappings/realm", List.of(defaultRoles)).status();
        if (status != 204) {
            throw new IllegalStateException("default roles not given: HTTP " + status);
        }
        return user;
    }

    /** The Keycloak id of the user, as the admin console shows it. */
    public String userId(EntraUser user) {
        return keycloak.admin().get("/" + name + "/users?exact=true&username=" + user.username()).path(0).path("id").asText();
    }

    /** The labels of the user's OTP credentials, as the admin console lists them. */
    public List<String> otpCredentialLabels(EntraUser user) {
        KeycloakAdmin admin = keycloak.admin();
        String id = userId(user);
        List<String> labels = new java.util.ArrayList<>();
        admin.get("/" + name + "/users/" + id + "/credentials").forEach(c -> {
            if ("otp".equals(c.path("type").asText())) {
                labels.add(c.path("userLabel").asText());
            }
        });
        return labels;
    }

    /** The types of the user's credentials (password, otp, webauthn, ...), as the admin console lists them. */
    public List<String> credentialTypes(EntraUser user) {
        List<String> types = new java.util.ArrayList<>();
        keycloak.admin().get("/" + name + "/users/" + userId(user) + "/credentials").forEach(c -> types.add(c.path("type").asText()));
        return types;
    }

    /** A fresh valid German mobile number, so no test reads another test's message. */
    public static String newMobile() {
        return "+49151" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** The hint Entra would send for this user of this tenant. */
    public HintBuilder hintFor(EntraUser user) {
        return KeycloakUnderTest.simulator().hint().tenant(cloud, tenantId).audience(appId)
                .user(user.objectId(), user.subject(), user.username() + "@contoso.example", "Test User");
    }

    public AuthorizationRequest requestWith(String hint) {
        return AuthorizationRequest.entra(clientId, redirectUri(), hint);
    }

    /** Settings an individual test wants on top of the defaults, as the provisioning call takes them. */
    public static Map<String, Object> settings(Object... keyValues) {
        Map<String, Object> settings = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put((String) keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }
}
