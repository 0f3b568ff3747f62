package org.entrasfo.bench;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.entrasfo.it.keycloak.KeycloakAdmin;
import org.entrasfo.it.keycloak.KeycloakEndpoint;

/**
 * A realm with nothing of ours: Keycloak's own browser flow (password, then OTP for users who have one), a public
 * client answering with a form_post id_token, and a confidential client for the client-credentials grant. The
 * baseline the SFO round trip is measured against, in the same Keycloak and the same run.
 */
record StockRealm(KeycloakEndpoint keycloak, String name, String redirectUri, String serviceSecret) {

    static final String BROWSER_CLIENT = "bench-browser-app";
    static final String SERVICE_CLIENT = "bench-service";
    static final String PASSWORD = "Bench-password-1";

    static StockRealm create(KeycloakEndpoint keycloak, String name, String redirectUri) {
        String secret = UUID.randomUUID().toString();
        Map<String, Object> realm = Map.of(
                "realm", name,
                "enabled", true,
                "clients", List.of(
                        Map.of("clientId", BROWSER_CLIENT, "publicClient", true, "standardFlowEnabled", true,
                                "implicitFlowEnabled", true, "redirectUris", List.of(redirectUri)),
                        Map.of("clientId", SERVICE_CLIENT, "publicClient", false, "secret", secret,
                                "standardFlowEnabled", false, "serviceAccountsEnabled", true)));
        KeycloakAdmin.Answer answer = keycloak.admin().post("", realm);
        if (answer.status() != 201) {
            throw new IllegalStateException("stock realm " + name + ": HTTP " + answer.status() + " " + answer.body());
        }
        return new StockRealm(keycloak, name, redirectUri, secret);
    }

    /** A user with a password and, if {@code otpSecret} is given, a counter-based OTP token. */
    String newUser(String otpSecret) {
        String username = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.admin().createEntraUser(name, username, null, null, otpSecret, true);
        String id = keycloak.admin().get("/" + name + "/users?exact=true&username=" + username).path(0).path("id").asText();
        KeycloakAdmin.Answer answer = keycloak.admin().put("/" + name + "/users/" + id + "/reset-password",
                Map.of("type", "password", "value", PASSWORD, "temporary", false));
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("password of " + username + ": HTTP " + answer.status() + " " + answer.body());
        }
        return username;
    }
}
