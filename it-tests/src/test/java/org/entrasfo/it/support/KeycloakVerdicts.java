package org.entrasfo.it.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.entrasfo.entrasim.AuthorizationRequest;

/** What the attack tests read back from Keycloak: every error event of one transaction, the brute-force verdict. */
public final class KeycloakVerdicts {

    private KeycloakVerdicts() {
    }

    /** Every {@code LOGIN_ERROR} of the transaction (all its auth sessions), newest first. */
    public static List<JsonNode> loginErrors(TenantRealm realm, AuthorizationRequest request) {
        String correlation = request.get("client-request-id");
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode event : realm.keycloak().admin().events(realm.name(), "LOGIN_ERROR")) {
            if (correlation.equals(event.path("details").path("client_request_id").asText())) {
                found.add(event);
            }
        }
        return found;
    }

    /** How many of them are a typed code compared and found wrong. */
    public static long wrongCodes(TenantRealm realm, AuthorizationRequest request) {
        return loginErrors(realm, request).stream()
                .filter(e -> "invalid_user_credentials".equals(e.path("error").asText()))
                .filter(e -> "wrong code".equals(e.path("details").path("reason").asText()))
                .count();
    }

    /**
     * Keycloak counts failures on a background executor: its verdict on the user is read until it says locked out
     * (at most 10 s); fails when it never does.
     */
    public static void awaitLockOut(TenantRealm realm, EntraUser user) {
        awaitBruteForceStatus(realm, user, status -> status.path("disabled").asBoolean(), "the user was not locked out");
    }

    /**
     * Waits (at most 10 s) until Keycloak counted at least {@code failures} failed attempts of the user. Keycloak counts
     * on a background executor and, while it does, answers the user's next attempt as if locked out; a test that types
     * wrong codes one after another lets each be counted first, as a person typing would.
     */
    public static void awaitFailures(TenantRealm realm, EntraUser user, int failures) {
        awaitBruteForceStatus(realm, user, status -> status.path("numFailures").asInt() >= failures,
                "Keycloak did not count " + failures + " failures");
    }

    private static void awaitBruteForceStatus(TenantRealm realm, EntraUser user, java.util.function.Predicate<JsonNode> done, String failure) {
        String path = "/" + realm.name() + "/attack-detection/brute-force/users/" + realm.userId(user);
        JsonNode status = null;
        for (int i = 0; i < 50; i++) {
            status = realm.keycloak().admin().get(path);
            if (done.test(status)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(failure + ": " + status);
    }
}
