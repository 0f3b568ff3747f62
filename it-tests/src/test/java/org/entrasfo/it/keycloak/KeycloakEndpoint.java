package org.entrasfo.it.keycloak;

import java.net.URI;
import java.net.http.HttpClient;

/** Where tests reach Keycloak: one node, or a cluster behind its load balancer. */
public interface KeycloakEndpoint {

    /** The public base URL, which is also the issuer's base. */
    String baseUrl();

    /** An HTTP client that trusts this Keycloak's certificate. */
    HttpClient.Builder httpClientBuilder();

    String adminPassword();

    default KeycloakAdmin admin() {
        return new KeycloakAdmin(httpClientBuilder().build(), baseUrl(), adminPassword());
    }

    default String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    default String discoveryUrl(String realm) {
        return realmUrl(realm) + "/.well-known/openid-configuration";
    }

    default URI authorizationEndpoint(String realm) {
        return URI.create(realmUrl(realm) + "/protocol/openid-connect/auth");
    }
}
