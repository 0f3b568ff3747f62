package org.entrasfo.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

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
