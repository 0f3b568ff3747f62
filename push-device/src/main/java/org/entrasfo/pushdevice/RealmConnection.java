package org.entrasfo.pushdevice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The device's side of HTTP: a signed JWS out, the realm's JSON back; a refusal is an answer like any other. */
final class RealmConnection {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;

    RealmConnection(HttpClient http) {
        this.http = http;
    }

    /** Section 1.1: every device request is one compact JWS as the body, {@code application/jwt}. */
    PushDevice.Answer post(String url, String jws) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/jwt")
                .POST(HttpRequest.BodyPublishers.ofString(jws)), jws);
    }

    PushDevice.Answer get(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET(), null);
    }

    private PushDevice.Answer exchange(HttpRequest.Builder request, String jws) {
        try {
            HttpResponse<String> response = http.send(request.header("Accept", "application/json").timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new PushDevice.Answer(response.statusCode(), body, jws);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
