package org.entrasfo.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.support.KeycloakUnderTest;
import org.entrasfo.it.support.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * A new tenant realm is imported (disabled, marked unfinished) and committed, then set up in a second transaction that
 * enables it. What another call sees in between, and what the next call does with a realm whose call died in between.
 */
class TenantRealmCreationIT {

    private static final String UNFINISHED = "entra-sfo.provisioning-started";

    private final KeycloakAdmin admin = KeycloakUnderTest.keycloak().admin();

    private static Map<String, Object> profile(String realm) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("realm", realm);
        profile.put("tenantId", UUID.randomUUID().toString());
        profile.put("cloud", "GLOBAL");
        profile.put("appId", UUID.randomUUID().toString());
        return profile;
    }

    /** What a call leaves when it dies between the import and the steps: the imported realm, disabled and marked. */
    private void importedButNotSetUp(String realm, long importedAtSeconds) {
        KeycloakAdmin.Answer created = admin.post("", Map.of("realm", realm, "enabled", false,
                "attributes", Map.of(UNFINISHED, Long.toString(importedAtSeconds))));
        assertThat(created.status()).as("stock realm %s: %s", realm, created.body()).isEqualTo(201);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void aSecondCallWhileTheRealmIsBeingSetUpIsToldToCallAgainAndChangesNothing() {
        Map<String, Object> profile = profile("in-progress-" + UUID.randomUUID().toString().substring(0, 6));
        String realm = (String) profile.get("realm");
        importedButNotSetUp(realm, now());

        KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(409);
        assertThat(answer.body().path("field").asText()).isEqualTo("realm");
        assertThat(answer.body().path("errorMessage").asText()).contains("being created by another call");
        JsonNode left = admin.get("/" + realm);
        assertThat(left.path("enabled").asBoolean()).as("still disabled").isFalse();
        assertThat(admin.get("/" + realm + "/clients?clientId=" + profile.get("appId"))).as("no Entra client").isEmpty();
    }

    @Test
    void aSaveOnTheProfilePageOfARealmBeingCreatedIsRefusedWithAMessageNotAServerError() {
        String realm = "page-in-progress-" + UUID.randomUUID().toString().substring(0, 6);
        importedButNotSetUp(realm, now());
        Map<String, List<String>> fields = Map.of("tenantId", List.of(UUID.randomUUID().toString()), "cloud", List.of("GLOBAL"),
                "redirectUri", List.of("https://login.microsoftonline.com/common/federation/externalauthprovider"),
                "appId", List.of(UUID.randomUUID().toString()));

        KeycloakAdmin.Answer saved = admin.post("/" + realm + "/components", Map.of("name", "Contoso Health (Entra)",
                "providerId", "Microsoft External Authentication", "providerType", "org.keycloak.services.ui.extend.UiPageProvider",
                "parentId", admin.get("/" + realm).path("id").asText(), "config", fields));

        assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(400);
        assertThat(saved.body().toString()).contains("being created by another call");
        assertThat(admin.get("/" + realm).path("enabled").asBoolean()).isFalse();
    }

    @Test
    void aRealmLeftImportedButNotSetUpByACallThatDiedIsFinishedByTheNextCall() {
        Map<String, Object> profile = profile("left-" + UUID.randomUUID().toString().substring(0, 6));
        String realm = (String) profile.get("realm");
        importedButNotSetUp(realm, now() - 3600);

        KeycloakAdmin.Answer answer = admin.applyTenantRealm(profile);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(answer.body().path("realmCreated").asBoolean()).isTrue();
        JsonNode finished = admin.get("/" + realm);
        assertThat(finished.path("enabled").asBoolean()).isTrue();
        assertThat(finished.path("attributes").has(UNFINISHED)).as("the mark is gone").isFalse();
        assertThat(admin.get("/" + realm + "/clients?clientId=" + profile.get("appId"))).hasSize(1);
    }

    @Test
    void aMarkTheRealmsOwnAdminsWriteIntoATenantRealmNeitherBlocksTheNextCallNorUndoesADisable() {
        Map<String, Object> profile = profile("forged-" + UUID.randomUUID().toString().substring(0, 6));
        String realm = (String) profile.get("realm");
        assertThat(admin.applyTenantRealm(profile).status()).isEqualTo(201);

        markAs(realm, now() + 86_400, true);
        assertThat(admin.applyTenantRealm(profile).status()).as("a mark from the future does not block").isEqualTo(200);

        markAs(realm, now() - 3600, false);
        KeycloakAdmin.Answer again = admin.applyTenantRealm(profile);

        assertThat(again.status()).as("an old mark on a tenant realm is not a creation to finish").isEqualTo(200);
        assertThat(admin.get("/" + realm).path("enabled").asBoolean()).as("the disable stands").isFalse();
    }

    /** As a realm admin can: the realm's attributes with the mark added, and the realm enabled or disabled. */
    @SuppressWarnings("unchecked")
    private void markAs(String realm, long startedAtSeconds, boolean enabled) {
        Map<String, Object> attributes = new LinkedHashMap<>(new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(admin.get("/" + realm).path("attributes"), Map.class));
        attributes.put(UNFINISHED, Long.toString(startedAtSeconds));
        assertThat(admin.put("/" + realm, Map.of("enabled", enabled, "attributes", attributes)).status()).isEqualTo(204);
    }

    @Test
    void anAdminWhoMayOnlyCreateRealmsManagesTheTenantRealmTheyCreatedAsWithKeycloaksOwnCreation() throws Exception {
        String username = "creator-" + UUID.randomUUID().toString().substring(0, 6);
        String password = UUID.randomUUID().toString();
        KeycloakAdmin.Answer user = admin.post("/master/users", Map.of("username", username, "enabled", true,
                "email", username + "@example.org", "emailVerified", true, "firstName", "Realm", "lastName", "Creator",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        assertThat(user.status()).isEqualTo(201);
        String userId = user.location().substring(user.location().lastIndexOf('/') + 1);
        assertThat(admin.post("/master/users/" + userId + "/role-mappings/realm", List.of(admin.get("/master/roles/create-realm")))
                .status()).isEqualTo(204);
        Map<String, Object> profile = profile("theirs-" + UUID.randomUUID().toString().substring(0, 6));
        String realm = (String) profile.get("realm");
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(profile);
        URI call = URI.create(KeycloakUnderTest.keycloak().baseUrl() + "/admin/realms/master/entra-sfo/tenant-realms");

        assertThat(RawHttp.post(call, tokenOf(username, password), "application/json", body).status()).isEqualTo(201);

        String token = tokenOf(username, password);
        assertThat(RawHttp.get(URI.create(KeycloakUnderTest.keycloak().baseUrl() + "/admin/realms/" + realm), token).status())
                .as("the creator reads the realm").isEqualTo(200);
        assertThat(RawHttp.post(call, token, "application/json", body).status()).as("and applies the profile again").isEqualTo(200);
    }

    private static String tokenOf(String username, String password) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.post(URI.create(KeycloakUnderTest.keycloak().realmUrl("master") + "/protocol/openid-connect/token"),
                null, "application/x-www-form-urlencoded", form);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("access_token").asText();
    }

    @Test
    void aTenantRealmThatIsDisabledFailsItsSelfTestSinceKeycloakTurnsEntraAway() {
        Map<String, Object> profile = profile("disabled-" + UUID.randomUUID().toString().substring(0, 6));
        String realm = (String) profile.get("realm");
        assertThat(admin.applyTenantRealm(profile).status()).isEqualTo(201);
        assertThat(selfTest(realm, "realm-enabled")).isEqualTo("PASSED");

        assertThat(admin.put("/" + realm, Map.of("enabled", false)).status()).isEqualTo(204);

        assertThat(selfTest(realm, "realm-enabled")).isEqualTo("FAILED");
    }

    private String selfTest(String realm, String rule) {
        for (JsonNode finding : admin.get("/" + realm + "/entra-sfo/self-test").path("findings")) {
            if (rule.equals(finding.path("rule").asText())) {
                return finding.path("status").asText();
            }
        }
        throw new AssertionError("no rule " + rule);
    }

    @Test
    void concurrentCallsForOneNewRealmLeaveOneEnabledTenantRealmAndNoServerError() throws Exception {
        Map<String, Object> profile = profile("race-" + UUID.randomUUID().toString().substring(0, 6));
        String realm = (String) profile.get("realm");
        List<Integer> statuses = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<KeycloakAdmin.Answer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(callers.submit(() -> {
                    start.await();
                    return admin.applyTenantRealm(profile);
                }));
            }
            start.countDown();
            for (Future<KeycloakAdmin.Answer> call : calls) {
                statuses.add(call.get().status());
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(statuses).as("each call created, updated, or was told the realm is being created").allMatch(s -> s == 201 || s == 200 || s == 409);
        assertThat(statuses).as("one call created it").containsOnlyOnce(201);
        JsonNode made = admin.get("/" + realm);
        assertThat(made.path("enabled").asBoolean()).isTrue();
        assertThat(made.path("attributes").has(UNFINISHED)).isFalse();
        assertThat(admin.get("/" + realm + "/clients?clientId=" + profile.get("appId"))).hasSize(1);
    }
}
