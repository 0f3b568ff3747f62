package org.entrasfo.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Single HTTP requests to the Keycloak under test whose headers a test reads: REST endpoints, static files. */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    public record Answer(int status, HttpHeaders headers, String body) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    public static Answer get(URI uri, String bearer) {
        return send(HttpRequest.newBuilder(uri).GET(), bearer);
    }

    public static Answer post(URI uri, String bearer, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)), bearer);
    }

    /** An access token of the master realm's admin, as the admin console holds it. */
    public static String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(KeycloakUnderTest.keycloak().adminPassword(), StandardCharsets.UTF_8);
        Answer answer = post(URI.create(KeycloakUnderTest.keycloak().realmUrl("master") + "/protocol/openid-connect/token"), null,
                "application/x-www-form-urlencoded", form);
        try {
            return JSON.readTree(answer.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer send(HttpRequest.Builder request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpClient http = KeycloakUnderTest.keycloak().httpClientBuilder().build();
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
