package org.entrasfo.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Keycloak's client-credentials grant: one request, one signed token; the cheapest signed token Keycloak makes. */
final class ClientCredentials implements Scenario {

    private final StockRealm realm;

    ClientCredentials(StockRealm realm) {
        this.realm = realm;
    }

    @Override
    public String name() {
        return "stock client-credentials grant";
    }

    @Override
    public Operation worker(int index) {
        HttpClient http = realm.keycloak().httpClientBuilder().build();
        URI tokenEndpoint = URI.create(realm.keycloak().realmUrl(realm.name()) + "/protocol/openid-connect/token");
        String basic = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(StockRealm.SERVICE_CLIENT, StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(realm.serviceSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        return () -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"access_token\"")) {
                throw new IllegalStateException("token endpoint: HTTP " + response.statusCode());
            }
            return Scenario.Sample.NONE;
        };
    }
}
